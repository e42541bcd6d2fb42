"""The command line: parse arguments, call the services, print. Contract in DESIGN.md.

Exit codes: 0 success, 1 rejected input or failed check (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.domain.visible import for_terminal, pad
from app.domain.vocabulary import (
    CHANNEL_LABELS,
    LESSON_CATEGORY_LABELS,
    MODE_LABELS,
    STATUS_LABELS,
)
from app.errors import SonaeError
from app.i18n import Msg, language, msg, set_language


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage errors: one line and exit 2, as the contract says.
        self.exit(2, f"sonae: {message}\n")


class _Later:
    """A command's parser, written down and made only if the command is chosen (or its help
    shown): making all twenty-odd parsers took a command a fifth of its start-up. Records the
    calls ``build_parser`` makes on a parser, a group or a set of subcommands, and replays
    them, in order, on the real one."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._calls: list[tuple[str, tuple[Any, ...], dict[str, Any], _Later | None]] = []

    def _record(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Later:
        nested = _Later(lambda: None) if name in _NESTING else None
        self._calls.append((name, args, kwargs, nested))
        return nested if nested is not None else self

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        self._record("add_argument", args, kwargs)

    def set_defaults(self, **kwargs: Any) -> None:
        self._record("set_defaults", (), kwargs)

    def add_mutually_exclusive_group(self, **kwargs: Any) -> _Later:
        return self._record("add_mutually_exclusive_group", (), kwargs)

    def add_subparsers(self, **kwargs: Any) -> _Later:
        return self._record("add_subparsers", (), kwargs)

    def add_parser(self, *args: Any, **kwargs: Any) -> _Later:
        return self._record("add_parser", args, kwargs)

    def build(self) -> Any:
        return self.replay(self._make())

    def replay(self, target: Any) -> Any:
        for name, args, kwargs, nested in self._calls:
            made = getattr(target, name)(*args, **kwargs)
            if nested is not None:
                nested.replay(made)
        return target


_NESTING = ("add_mutually_exclusive_group", "add_subparsers", "add_parser")


class _Commands(argparse._SubParsersAction):
    """Subcommands whose parsers are made when chosen (see ``_Later``)."""

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if kwargs.get("prog") is None:
            kwargs["prog"] = f"{self._prog_prefix} {name}"
        if "help" in kwargs:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs.pop("help")))
        later = _Later(lambda: self._parser_class(**kwargs))
        self._name_parser_map[name] = later
        return later

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: Any = None) -> None:
        chosen = self._name_parser_map.get(values[0]) if values else None
        if isinstance(chosen, _Later):
            self._name_parser_map[values[0]] = chosen.build()
        super().__call__(parser, namespace, values, option_string)


# Every workspace a command opened: closed when it ends (the seen record is flushed then), and
# what must be said about it (lost entries, plans that could not be read) is said once.
_OPENED: list[Any] = []


def _workspace(args: argparse.Namespace, log: bool = True) -> Any:
    """The data folder's workspace. With ``log``, the database is opened at once, so a loss the
    seen record knows of is said before anything else (and a missing database refuses)."""
    from app.paths import data_dir
    from app.services.workspace import Workspace

    ws = Workspace(data_dir(args.data_dir), read_only=True if args.read_only else None)
    _OPENED.append(ws)
    if log:
        for warning in ws.integrity_warnings():
            _warn(msg("警告: {w}", "WARNING: {w}", w=warning))
    return ws


def _warn(text: object) -> None:
    print(for_terminal(str(text)), file=sys.stderr)


def _finish() -> None:
    """Say once what could not be read of the plan library, then close what was opened."""
    while _OPENED:
        ws = _OPENED.pop()
        for problem in ws.library.problems if ws.library.loaded else []:
            # A city's broken plan must not vanish without a word, nor stop the other plans.
            _warn(
                msg(
                    "警告: {p} (このプレイブックは読み込まれていません)",
                    "warning: {p} (this playbook was not loaded)",
                    p=problem,
                )
            )
        ws.close()


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# playbooks
def cmd_playbooks_list(args: argparse.Namespace) -> int:
    from app.services.views import playbook_summary

    ws = _workspace(args, log=False)
    plans = ws.library.all()
    if args.json:
        _print_json([playbook_summary(p) for p in plans])
        return 0
    for plan in plans:
        p = plan.plan
        print(
            f"{p.id:<24} v{p.version:<3} {p.category:<24} {','.join(p.zones):<24} "
            f"{p.title.get(language())}"
        )
    return 0


def _contacts_for_check(args: argparse.Namespace) -> tuple[Any, list[Any]]:
    """(contacts or None, problems): --contacts FILE, else the data folder's contacts.yaml."""
    from app.paths import data_dir
    from app.services.contacts import contacts_file, read_contacts

    path = Path(args.contacts) if args.contacts else contacts_file(data_dir(args.data_dir))
    if not args.contacts and not os.path.lexists(path):
        # No contacts yet is normal on a fresh install: say so once instead of a warning per role.
        print(
            msg(
                "連絡先ファイル {p} がないため、役割の担当者と外部機関は確認していません"
                " (--contacts FILE で指定可)",
                "no contacts file at {p}; role holders and external bodies not checked"
                " (use --contacts FILE)",
                p=path,
            ),
            file=sys.stderr,
        )
        return None, []
    return read_contacts(path)


def cmd_playbooks_check(args: argparse.Namespace) -> int:
    from app.paths import playbooks_dir
    from app.services.library import check_paths

    contacts, problems = _contacts_for_check(args)
    if args.paths:
        problems += check_paths([Path(p) for p in args.paths], contacts)
    else:
        # The bundled set, then the city's own plans; a city plan may replace a bundled one.
        from app.paths import data_dir, user_playbooks_dir

        problems += check_paths([playbooks_dir()], contacts)
        from app.services.library import scan

        own = user_playbooks_dir(data_dir(args.data_dir))
        if any(scan(own)):  # plans there, or a folder that cannot be read
            problems += check_paths([own], contacts)
    return _said(problems, msg("問題ありません", "all playbooks are valid"))


def _said(problems: Sequence[Any], valid: Msg) -> int:
    """A check's problems, one FILE:LINE line each, then how many (or ``valid``): exit 1 on an
    error, 0 on warnings alone."""
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(msg("{n} 件の問題があります", "{n} problem(s) found", n=len(errors)), file=sys.stderr)
        return 1
    warnings = len(problems) - len(errors)
    if warnings:
        print(msg("警告 {n} 件", "{n} warning(s)", n=warnings), file=sys.stderr)
        return 0
    print(valid, file=sys.stderr)
    return 0


def cmd_playbooks_import_md(args: argparse.Namespace) -> int:
    from app.paths import data_dir
    from app.services.plan_markdown import import_markdown

    root = data_dir(args.data_dir)
    print(import_markdown(Path(args.file), Path(args.out), root, args.id, args.category))
    return 0


def cmd_playbooks_export_md(args: argparse.Namespace) -> int:
    from app.services.plan_markdown import export_markdown

    ws = _workspace(args, log=False)
    print(export_markdown(ws, args.id, Path(args.out), language()))
    return 0


def cmd_playbooks_schema(args: argparse.Namespace) -> int:
    from app.domain.playbook import json_schema

    _print_json(json_schema())
    return 0


# exercises
def cmd_exercise_list(args: argparse.Namespace) -> int:
    from app.services.views import exercise_summary

    ws = _workspace(args, log=False)
    scripts = ws.exercises.all()
    for problem in ws.exercises.problems:  # a script that does not read is said, not hidden
        _warn(f"sonae: {problem}")
    if args.json:
        _print_json([exercise_summary(s) for s in scripts])
        return 0
    lang = language()
    for loaded in scripts:
        x = loaded.script
        injects = sum(len(m.injects) for m in x.moves)
        counts = msg(
            "{m} 場面・状況付与 {i}", "{m} moves, {i} injects", m=len(x.moves), i=injects
        ).render()
        print(
            f"{x.id:<24} v{x.version:<3} {x.plan:<24} {pad(MODE_LABELS[x.mode].text(), 18)} "
            f"{x.window:<6} {pad(counts, 20)} {for_terminal(x.title.get(lang))}"
        )
    return 0


def cmd_exercise_check(args: argparse.Namespace) -> int:
    from app.services.exercises import check_script_paths

    ws = _workspace(args, log=False)
    if args.paths:
        problems = check_script_paths([Path(p) for p in args.paths], ws.library)
    else:
        ws.exercises.all()
        problems = ws.exercises.problems
    return _said(problems, msg("問題ありません", "all exercise scripts are valid"))


def cmd_exercise_schema(args: argparse.Namespace) -> int:
    from app.domain.exercise_script import json_schema

    _print_json(json_schema())
    return 0


def cmd_exercise_start(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    script = ws.exercises.get(args.script)
    incident = ws.incidents.start_exercise(
        script, _actor(args), at=_at(args), speed=args.speed, mode=args.mode
    )
    print(incident)
    _exercise_lines(ws, incident)
    return 0


def cmd_exercise_run(args: argparse.Namespace) -> int:
    from app.services.exercise_runner import read_responses, run_exercise

    ws = _workspace(args)
    script = ws.exercises.get(args.script)
    responses = read_responses(Path(args.responses))
    incident = run_exercise(
        ws, script, responses, at=_at(args), speed=args.speed, wait_at_most=args.wait_at_most
    )
    print(incident)
    _exercise_lines(ws, incident, evaluation=True)
    if args.out:
        from app.services.reports import write_report

        _printed(write_report(ws, incident, Path(args.out), "after-action", actor=_actor(args)))
    return 0


def cmd_exercise_clock(args: argparse.Namespace) -> int:
    """pause, resume, speed: the exercise's clock; jump: to the next move's situation time."""
    ws = _workspace(args)
    incidents = ws.incidents
    incidents.played(incidents.state(args.id))  # an exercise from a script, or refused first
    if args.exercise_action == "jump":
        incidents.jump_to_next_move(args.id, _actor(args))
    else:
        incidents.change_clock(
            args.id, args.exercise_action, _actor(args), speed=getattr(args, "speed", None)
        )
    incidents.release_injects(args.id, _actor(args))  # what fell due on the way, at its time
    _exercise_lines(ws, args.id)
    return 0


def cmd_exercise_release(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    released = ws.incidents.release_injects(args.id, _actor(args), args.inject)
    for entry in released:
        print(for_terminal(f"{entry.payload.get('inject')}: {entry.payload.get('text')}"))
    if not released:
        print(msg("付与する状況付与はまだありません", "no inject is due yet"))
    return 0


def cmd_exercise_status(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    if args.json:
        from app.services.views import exercise_status

        _print_json(exercise_status(ws.incidents, args.id))
        return 0
    _exercise_lines(ws, args.id, evaluation=True)
    return 0


def cmd_exercise_rate(args: argparse.Namespace) -> int:
    _workspace(args).incidents.rate(args.id, args.objective, args.rating, args.reason, _actor(args))
    return 0


def _exercise_lines(ws: Any, incident: str, evaluation: bool = False) -> None:
    """Where the exercise stands: its state and time, its moves, its injects (released or when
    due), and with ``evaluation`` each expected response with its points."""
    from app.domain.exercise_run import evaluation_lines
    from app.domain.timeutil import format_jst
    from app.domain.vocabulary import PHASE_LABELS
    from app.services.views import exercise_status

    lang = language()
    view = exercise_status(ws.incidents, incident)
    state = ws.incidents.state(incident)
    clock = _clock_line(state, ws.incidents.now(state))
    print(
        for_terminal(
            f"{PHASE_LABELS[view['phase']].text()}  {clock}  "
            + str(msg("場面: {m}", "move: {m}", m=view["move"]["title"]))
        )
    )
    for row in view["injects"]:
        mark = "✓" if row["released_at"] else " "
        when = row["released_at"] or row["due_at"]
        print(
            for_terminal(
                f" {mark} {format_jst(_iso(when))}  {row['id']:<20} {pad(row['to'], 18)} {row['text']}"
            )
        )
    if not evaluation:
        return
    found = ws.incidents.evaluation(incident, live=True)
    for line in evaluation_lines(found, state.playbook.plan, lang):
        print(for_terminal(line))


def _iso(text: str) -> Any:
    from app.domain.timeutil import parse_iso

    return parse_iso(text)


def cmd_exercise_remove(args: argparse.Namespace) -> int:
    from app.services.removal import remove_exercise

    ws = _workspace(args)
    removal = remove_exercise(ws, args.id, _actor(args), args.reason)
    print(
        for_terminal(
            msg(
                "訓練 {id} ({n} 件) を削除し、控えに移しました: {p} (sha256 {h})",
                "exercise {id} ({n} entries) removed and moved to its archive: {p} (sha256 {h})",
                id=removal.incident_id,
                n=removal.entries,
                p=removal.archive,
                h=removal.archive_sha256[:16],
            ).render()
        )
    )
    return 0


def _removals(ws: Any, only: str | None) -> bool:
    """Each exercise removed from this log: who, when, why, and what became of its archive.
    False when an archive was changed since (a missing one is said, as a warning)."""
    from app.domain.timeutil import format_jst

    intact = True
    for removal, (kept, state) in ws.removals():
        if only is not None and removal.incident_id != only:
            continue
        intact = intact and kept != "changed"
        say = print if kept == "intact" else _warn
        say(
            for_terminal(
                msg(
                    "削除済みの訓練: {id} ({mode}、{n} 件) — {by} が {at} に削除。理由: {why}。{state}",
                    "removed exercise: {id} ({mode}, {n} entries), by {by} at {at}. "
                    "Reason: {why}. {state}",
                    id=removal.incident_id,
                    mode=MODE_LABELS[removal.mode].text() if removal.mode in MODE_LABELS else "",
                    n=removal.entries,
                    by=removal.actor,
                    at=format_jst(_iso(removal.removed_at)),
                    why=removal.reason,
                    state=state.render(),
                ).render()
            )
        )
    return intact


def cmd_improvements_list(args: argparse.Namespace) -> int:
    from app.services.improvements import all_items

    ws = _workspace(args)
    items = all_items(ws.incidents, open_only=not args.all)
    if args.json:
        _print_json(
            [
                {
                    "id": i.id,
                    "incident": i.incident,
                    "mode": i.mode,
                    "text": i.item.text,
                    "owner": i.item.owner,
                    "due": i.item.due,
                    "plan": i.item.plan,
                    "step": i.item.step,
                    "closed": i.closed is not None,
                    "done": i.done,
                }
                for i in items
            ]
        )
        return 0
    if not items:
        print(msg("未完了の改善項目はありません", "no open improvement item"))
    for i in items:
        where = "/".join(p for p in (i.item.plan, i.item.step) if p)
        state = str(msg("完了", "closed")) if i.closed else str(msg("未完了", "open"))
        print(
            for_terminal(
                f"{i.id}  {i.incident}  {pad(MODE_LABELS[i.mode].text(), 10)} {state:<6} "
                f"{i.item.due or '—':<10}  {pad(i.item.owner or '—', 14)} {where:<28} {i.item.text}"
            )
        )
    return 0


def cmd_improvements_close(args: argparse.Namespace) -> int:
    _workspace(args).incidents.close_improvement(
        args.id, args.item, args.done, _actor(args), revision=args.revision
    )
    return 0


# incidents
def _at(args: argparse.Namespace) -> Any:
    from app.services.incidents import parse_at

    return parse_at(getattr(args, "at", None))


def _actor(args: argparse.Namespace) -> str:
    if args.actor:
        return str(args.actor)
    from app.services.reports import default_actor

    return default_actor()


def cmd_incident_start(args: argparse.Namespace) -> int:
    from app.services.incidents import parse_at

    ws = _workspace(args)
    zones = [z.strip() for z in args.zones.split(",") if z.strip()] if args.zones else None
    incident_id = ws.incidents.start(
        args.playbook_id,
        args.title,
        _actor(args),
        mode=args.mode,
        at=_at(args),
        zones=zones,
        body=args.body or "",
        awareness_at=parse_at(args.awareness),
    )
    print(incident_id)
    return 0


def cmd_incident_step(args: argparse.Namespace) -> int:
    if args.until is not None and args.defer is None:
        raise SonaeError(
            msg("--until は --defer と一緒に指定してください", "--until goes with --defer")
        )
    ws = _workspace(args)
    incidents = ws.incidents
    if args.defer is not None:
        from app.services.incidents import parse_at

        until = parse_at(args.until)
        incidents.defer_step(
            args.id, args.step_id, args.defer, _actor(args), until=until, at=_at(args)
        )
    elif args.start:
        incidents.start_step(args.id, args.step_id, _actor(args), at=_at(args), note=args.note)
    elif args.done:
        fields = dict(_field(f) for f in args.field or [])
        incidents.complete_step(
            args.id,
            args.step_id,
            _actor(args),
            fields=fields,
            note=args.note,
            deputy_for=args.deputy_for,
            at=_at(args),
        )
    else:
        incidents.skip_step(args.id, args.step_id, args.skip, _actor(args), at=_at(args))
    return 0


def _field(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise SonaeError(
            msg(
                "--field は 名前=値 の形で指定してください",
                "--field takes NAME=VALUE, got '{t}'",
                t=text,
            )
        )
    return key.strip(), value


def cmd_incident_decide(args: argparse.Namespace) -> int:
    _workspace(args).incidents.decide(
        args.id, args.decision_id, args.choice, _actor(args), at=_at(args), reason=args.reason
    )
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from app.services.organisation import load_organisation, set_organisation

    ws = _workspace(args, log=False)
    root = ws.root
    if args.key is None:
        current = load_organisation(root)
    elif args.value is None:
        raise SonaeError(msg("値を指定してください", "give a value: sonae settings KEY VALUE"))
    else:
        current = set_organisation(root, args.key, args.value, read_only=ws.read_only)
    for key, value in vars(current).items():
        print(f"{key}: {for_terminal(value)}")
    return 0


def cmd_incident_lesson(args: argparse.Namespace) -> int:
    _workspace(args).incidents.add_lesson(
        args.id,
        args.text,
        _actor(args),
        improvement=args.improvement,
        at=_at(args),
        category=args.category,
        owner=args.owner,
        due=args.due,
        plan=args.plan,
        step=args.step,
        note=args.note,
    )
    return 0


def cmd_incident_note(args: argparse.Namespace) -> int:
    _workspace(args).incidents.note(args.id, args.text, _actor(args), at=_at(args))
    return 0


def cmd_incident_status(args: argparse.Namespace) -> int:
    # Closing without a summary, or a status the incident is already in, is refused by the
    # services (rules.status_refusal) in one line, and nothing is written.
    _workspace(args).incidents.set_status(
        args.id, args.status, _actor(args), summary=args.summary, at=_at(args)
    )
    return 0


# Which options each clock action takes; any other is refused rather than silently ignored.
CLOCK_OPTIONS = {
    "start": ("to", "speed"),
    "pause": (),
    "resume": (),
    "speed": ("speed",),
    "jump": ("to", "by"),
}


def cmd_incident_clock(args: argparse.Namespace) -> int:
    """Change a tabletop exercise's simulated clock, then print its time."""
    from app.services.fields import parse_at, parse_span

    given = [name for name in ("to", "by", "speed") if getattr(args, name) is not None]
    for name in given:
        if name not in CLOCK_OPTIONS[args.action]:
            raise SonaeError(
                msg(
                    "--{opt} は clock {action} には使えません",
                    "--{opt} does not apply to clock {action}",
                    opt=name,
                    action=args.action,
                )
            )
    if args.action == "jump" and not given:
        raise SonaeError(
            msg(
                "clock jump には --to か --by を指定してください",
                "clock jump needs --to TIME or --by DURATION",
            )
        )
    ws = _workspace(args)
    to, by = parse_at(args.to), parse_span(args.by)
    ws.incidents.change_clock(args.id, args.action, _actor(args), to=to, by=by, speed=args.speed)
    state = ws.incidents.state(args.id)
    print(for_terminal(_clock_line(state, ws.incidents.now(state))))
    return 0


def _clock_line(state: Any, now: Any) -> str:
    """The incident's own time: for a tabletop exercise its simulated clock, and whether it is
    paused or runs faster or slower than real time."""
    from app.domain.timeutil import format_jst

    shown = format_jst(now, seconds=True)
    clock = state.clock
    if state.mode != "tabletop" or not clock.simulated:
        return str(msg("時刻 {t}", "time {t}", t=shown))
    if not clock.running:
        return str(
            msg(
                "訓練の時刻 {t} (模擬時計、停止中)",
                "exercise time {t} (simulated, paused)",
                t=shown,
            )
        )
    if clock.speed != 1:
        return str(
            msg(
                "訓練の時刻 {t} (模擬時計、{x}倍速)",
                "exercise time {t} (simulated, ×{x})",
                t=shown,
                x=f"{clock.speed:g}",
            )
        )
    return str(msg("訓練の時刻 {t} (模擬時計)", "exercise time {t} (simulated)", t=shown))


def cmd_incident_awareness(args: argparse.Namespace) -> int:
    from app.services.incidents import parse_at

    at = parse_at(args.to)
    assert at is not None  # argparse requires --to
    _workspace(args).incidents.correct_awareness(args.id, at, args.reason, _actor(args))
    return 0


def cmd_incident_body(args: argparse.Namespace) -> int:
    _workspace(args).incidents.set_body(args.id, args.body, _actor(args))
    return 0


def cmd_incident_check(args: argparse.Namespace) -> int:
    _workspace(args).incidents.tick_check(
        args.id, args.step_id, args.check_id, _actor(args), ticked=not args.untick, at=_at(args)
    )
    return 0


def cmd_incident_contact(args: argparse.Namespace) -> int:
    _workspace(args).incidents.record_contact(
        args.id,
        args.step_id,
        args.whom,
        args.channel,
        _actor(args),
        person=args.person,
        receipt=args.receipt,
        outcome=args.outcome,
        at=_at(args),
    )
    return 0


def cmd_incident_correct(args: argparse.Namespace) -> int:
    _workspace(args).incidents.correct(args.id, args.entry, args.reason, _actor(args), at=_at(args))
    return 0


def cmd_incident_handover(args: argparse.Namespace) -> int:
    _workspace(args).incidents.hand_over(args.id, args.playbook_id, _actor(args), at=_at(args))
    return 0


# evidence files
def cmd_evidence_add(args: argparse.Namespace) -> int:
    """Attach a file; its sha256 is printed alone on a line (the name it is kept by)."""
    entry = _workspace(args).incidents.add_evidence(
        args.id, args.file, _actor(args), step=args.step, note=args.note, at=_at(args)
    )
    print(entry.payload["sha256"])
    return 0


def cmd_evidence_list(args: argparse.Namespace) -> int:
    from app.domain.describe import size_text
    from app.domain.timeutil import format_jst, parse_iso
    from app.domain.vocabulary import CUSTODY_LABELS, EVIDENCE_STATE_LABELS, label_of
    from app.services.evidence import evidence_list

    kept = evidence_list(_workspace(args), args.id)
    if args.json:
        _print_json(
            [
                {
                    "name": k.file.name,
                    "sha256": k.file.sha256,
                    "size": k.file.size,
                    "step": k.file.step_id,
                    "note": k.file.note or None,
                    "added_by": k.file.actor,
                    "added_at": k.file.at,
                    "entry": k.file.seq,
                    "state": k.state,
                    "custody": [
                        {
                            "how": c.how,
                            "to": c.to,
                            "file": c.file or None,
                            "note": c.note or None,
                            "by": c.actor,
                            "at": c.at,
                            "entry": c.seq,
                        }
                        for c in k.file.custody
                    ],
                }
                for k in kept
            ]
        )
        return 0
    if not kept:
        print(msg("証拠ファイルはありません", "no evidence files"))
        return 0
    for k in kept:
        f = k.file
        print(
            for_terminal(
                f"{f.sha256}  {f.name}  {size_text(f.size)}  "
                f"{label_of(EVIDENCE_STATE_LABELS, k.state)}"
            )
        )
        added = msg(
            "    #{n} {who} が {at} に添付{step}",
            "    #{n} attached by {who} at {at}{step}",
            n=f.seq,
            who=f.actor,
            at=format_jst(parse_iso(f.at)),
            step=msg("（手順 {s}）", " (step {s})", s=f.step_id) if f.step_id else "",
        )
        print(for_terminal(str(added) + (f"  {f.note}" if f.note else "")))
        for c in f.custody:
            print(
                for_terminal(
                    f"    → {label_of(CUSTODY_LABELS, c.how)}: {c.to}  "
                    f"{format_jst(parse_iso(c.at))}  {c.actor}" + (f"  {c.note}" if c.note else "")
                )
            )
    return 0


def cmd_evidence_export(args: argparse.Namespace) -> int:
    from app.services.evidence import export_evidence

    done = export_evidence(
        _workspace(args),
        args.id,
        args.sha,
        Path(args.out),
        _actor(args),
        to=args.to,
        note=args.note,
    )
    print(done.path)
    return 0


def cmd_evidence_handover(args: argparse.Namespace) -> int:
    _workspace(args).incidents.hand_over_evidence(
        args.id, args.sha, _actor(args), args.to, "handed_over", note=args.note, at=_at(args)
    )
    return 0


def cmd_incident_list(args: argparse.Namespace) -> int:
    from app.domain.timeutil import format_jst, parse_iso

    ws = _workspace(args)
    items = ws.incidents.summaries()
    if args.json:
        _print_json(
            [
                {
                    "id": i.id,
                    "title": i.title,
                    "mode": i.mode,
                    "status": i.status,
                    "playbook": i.playbook_id,
                    "declared_at": i.declared_at,
                    "entries": i.entries,
                    "problem": i.problem or None,
                    "nearest_deadline": (
                        {
                            "id": i.nearest.id,
                            "state": i.nearest.state,
                            "due": i.nearest.due.isoformat() if i.nearest.due else None,
                        }
                        if i.nearest
                        else None
                    ),
                }
                for i in items
            ]
        )
        return 0
    for i in items:
        if i.problem:
            print(f"{i.id}  {for_terminal(i.problem)}")
            continue
        print(
            f"{i.id}  {pad(MODE_LABELS[i.mode].text(), 10)} {pad(STATUS_LABELS[i.status].text(), 14)}"
            f"{format_jst(parse_iso(i.declared_at))}  "
            f"{i.playbook_id:<20} {for_terminal(i.title)}"
        )
    return 0


def cmd_incident_show(args: argparse.Namespace) -> int:
    from app.domain.timeutil import parse_iso
    from app.services.incidents import parse_at
    from app.services.views import incident_view

    ws = _workspace(args)
    state = ws.incidents.state(args.id)
    view = incident_view(state, parse_at(args.now) or ws.incidents.now(state))
    if args.json:
        _print_json(view)
        return 0
    _print_incident(view, state)
    print("  " + for_terminal(_clock_line(state, parse_iso(view["now"]))))
    return 0


def _print_incident(view: dict[str, Any], state: Any) -> None:
    """The incident for a person: the vocabulary's words and the plan's own (``--json`` keeps
    the ids and states for scripts), each line led by the id a command takes."""
    from app.domain.describe import answer
    from app.domain.timeutil import format_jst, parse_iso
    from app.domain.vocabulary import (
        DEADLINE_STATE_LABELS,
        MODE_LABELS,
        PROVISIONAL,
        REPEAT_STATE_LABELS,
        STATUS_LABELS,
        STEP_STATE_LABELS,
        TARGET_STATE_LABELS,
        label_of,
    )

    lang = language()
    plan = state.playbook.plan

    def line(text: str) -> None:
        print(for_terminal(text))

    mode = label_of(MODE_LABELS, view["mode"])
    line(f"{view['id']}  {view['title']}  [{mode}] {label_of(STATUS_LABELS, view['status'])}")
    pin = view["playbook"]
    line(
        "  "
        + str(
            msg(
                "計画 {title} 第{v}版 ({id}, sha256 {sha})",
                "plan {title}, version {v} ({id}, sha256 {sha})",
                title=plan.title.get(lang),
                v=pin["version"],
                id=pin["id"],
                sha=pin["sha256"][:16],
            )
        )
    )
    for step in view["steps"]:
        found = plan.step(step["id"])
        title = found.title.get(lang) if found else ""
        line(f"  {label_of(STEP_STATE_LABELS, step['state']):<12} {step['id']:<24} {title}")
    for d in view["decisions"]:
        said = answer(state, d["id"], d["choice"], lang)
        line("  " + str(msg("判断 {id}: {said}", "decision {id}: {said}", id=d["id"], said=said)))
    for d in view["deadlines"]:
        due = d["due_text"] if d["due"] else "-"
        # A clock kept from an earlier plan after a hand-over has its title there.
        found = next(
            (f for r in reversed(state.plans) if (f := r.playbook.plan.deadline(d["id"]))), None
        )
        line(
            "  "
            + str(
                msg(
                    "期限 {id}: {state}  {due}  {title}",
                    "deadline {id}: {state}  {due}  {title}",
                    id=d["id"],
                    state=label_of(DEADLINE_STATE_LABELS, d["state"]),
                    due=due,
                    title=found.title.get(lang) if found else "",
                )
            )
        )
        if d["why"]:
            line("      " + d["why"][lang if lang in ("ja", "en") else "ja"])
        if d["provisional"]:
            line("      " + PROVISIONAL.text(lang))
    for step in view["steps"]:
        target, repeat = step.get("target"), step.get("repeat")
        if target and target["due"]:
            line(
                "  "
                + str(
                    msg(
                        "目標 {id}: {state}  {due}",
                        "target {id}: {state}  {due}",
                        id=step["id"],
                        state=label_of(TARGET_STATE_LABELS, target["state"]),
                        due=format_jst(parse_iso(target["due"])),
                    )
                )
            )
        if repeat and repeat["state"] != "ended":
            due = format_jst(parse_iso(repeat["next_due"])) if repeat["next_due"] else "-"
            line(
                "  "
                + str(
                    msg(
                        "繰り返し {id}: {state}  {due}（{n} 回実施）",
                        "repeat {id}: {state}  {due} ({n} done)",
                        id=step["id"],
                        state=label_of(REPEAT_STATE_LABELS, repeat["state"]),
                        due=due,
                        n=repeat["count"],
                    )
                )
            )
    line(
        "  "
        + str(
            msg(
                "記録 {n} 件  チェーン先頭 {head}",
                "entries {n}  head {head}",
                n=view["entries"],
                head=view["head"],
            )
        )
    )


def cmd_verify(args: argparse.Namespace) -> int:
    if args.acknowledge_loss:
        return _acknowledge_loss(args)
    ws = _workspace(args, log=False)  # verify says it all itself
    if args.id and any(r.incident_id == args.id for r, _ in ws.removals()):
        return 0 if _removals(ws, args.id) else 1  # removed: its archive is what is checked
    result = ws.verify(args.id)
    if result.losses:
        for loss in result.losses:
            _warn(msg("記録の消失を検出: {d}", "LOSS DETECTED: {d}", d=loss.describe()))
        _warn(
            msg(
                "バックアップから復元してください。復元できない場合は、確認のうえ "
                "sonae verify --acknowledge-loss で消失を記録し、以後の確認の基準にします",
                "restore the database from a backup; if that is not possible, record the loss "
                "with sonae verify --acknowledge-loss, which makes the log as it is the new baseline",
            )
        )
        return 1
    if not result.ok:
        _warn(msg("改ざんを検出: {d}", "tampering detected: {d}", d=result.describe()))
        return 1
    seen = ws.store.seen
    if seen is not None and seen.problem is not None:
        _warn(msg("警告: {w}", "WARNING: {w}", w=seen.problem))
    for known in seen.acknowledged if seen is not None else []:
        _warn(
            msg(
                "確認済みの消失: {id} ({n} 件あった記録が {found}) — {by} が {at} に確認",
                "known loss: {id} (had {n} entries, then {found}), accepted by {by} at {at}",
                id=known.get("incident_id"),
                n=(known.get("known") or {}).get("seq"),
                found=known.get("found") if known.get("found") is not None else "-",
                by=known.get("by"),
                at=known.get("at"),
            )
        )
    print(result.describe())
    for warning in ws.clock_warnings(args.id):
        _warn(msg("警告: {w}", "WARNING: {w}", w=warning))
    if not _removals(ws, args.id):
        return 1
    if args.checkpoint:
        return _checkpoint_file(ws, Path(args.checkpoint))
    if args.head:
        # A printed copy carries the head hash of the log as it was printed.
        if not args.id:
            raise SonaeError(
                msg("--head にはインシデント番号が必要です", "--head needs an incident id")
            )
        return _printed_head(ws.incidents.printed_head(args.id, args.head))
    return 0


def _printed_head(found: Any) -> int:
    """Say what a head typed from a paper copy is: the log as of an entry (and whether a copy was
    issued there), a likely typo of a real head, or a head this log never had."""
    if found.seq is not None:
        print(
            msg(
                "控えは記録 #{n} 時点のものと一致します (チェーン先頭 {h})",
                "the copy matches the log as of entry #{n} (head {h})",
                n=found.seq,
                h=found.hash,
            )
        )
        if not found.issued:
            _warn(
                msg(
                    "注意: この時点で控えを出力した記録はありません"
                    "（読み取り専用のフォルダから作成したか、記録外で作成された控えです）",
                    "note: the log records no copy issued at this head (made from a read-only "
                    "folder, or made outside Sonae)",
                )
            )
        return 0
    if found.typo:
        _warn(
            msg(
                "チェーン先頭 {t} の記録はありません。入力誤りの可能性: 最も近いのは記録 #{n} の "
                "{h} ({d} 文字違い)",
                "no entry has head {t}; a typo? the nearest is entry #{n}, {h} ({d} characters "
                "differ)",
                t=found.typed,
                n=found.nearest_seq,
                h=found.hash,
                d=found.differ,
            )
        )
    else:
        _warn(
            msg(
                "チェーン先頭 {t} はこの記録に一度もありません（別の記録の控えか、偽造のおそれ）",
                "head {t} was never in this log (a copy of another log, or forged)",
                t=found.typed,
            )
        )
    return 1


def _acknowledge_loss(args: argparse.Namespace) -> int:
    # Not opened at once (log=False): with the database gone, opening it is what is refused.
    losses = _workspace(args, log=False).acknowledge_loss(_actor(args))
    if not losses:
        print(msg("消失は見つかりませんでした", "no loss found"))
        return 0
    for loss in losses:
        print(msg("消失を記録しました: {d}", "loss recorded: {d}", d=loss.describe()))
    return 0


# backups
def cmd_backup(args: argparse.Namespace) -> int:
    from app.services.backups import contents, make_backup

    ws = _workspace(args)
    path = make_backup(ws, "manual", Path(args.out) if args.out else None)
    held = contents(path)
    print(path)
    print(
        msg(
            "{n} 件 (インシデント {i} 件)、{size}",
            "{n} entries ({i} incidents), {size}",
            n=held.entries,
            i=held.incidents,
            size=_size(held.size),
        )
    )
    return 0


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def cmd_restore(args: argparse.Namespace) -> int:
    from app.services.backups import restore

    # Not opened at once (log=False): a lost or damaged database is what a restore is for.
    done = restore(_workspace(args, log=False), Path(args.file))
    for line in done.lines():
        print(line)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import run_demo

    # --read-only: the drill is recorded in a scratch folder, never in the one named.
    folder = None if args.read_only else args.data_dir
    return run_demo(folder, print, Path(args.out) if args.out else None, scratch=args.read_only)


# printed records and exports
def cmd_report(args: argparse.Namespace) -> int:
    from app.services.reports import write_report

    issued = write_report(
        _workspace(args),
        args.id,
        Path(args.out),
        args.kind,
        actor=_actor(args),
        as_of=_as_of(args),
    )
    _printed(issued)
    return 0


def _printed(issued: Any) -> None:
    print(issued.path)
    if not issued.logged:
        _warn(
            msg(
                "注意: データフォルダが読み取り専用のため、この出力は記録に残っていません",
                "note: the data folder is read-only, so the log does not record this copy",
            )
        )


def _as_of(args: argparse.Namespace) -> Any:
    from app.services.incidents import parse_at

    return parse_at(args.as_of)


def cmd_print(args: argparse.Namespace) -> int:
    from app.services.reports import write_checklist

    ws = _workspace(args, log=False)
    print(write_checklist(ws, args.playbook_id, Path(args.out), args.mode))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from app.services.reports import write_timeline_csv, write_timeline_png

    if not args.csv and not args.png:
        return _print_timeline(args)
    from app.services.outputs import output_target

    ws = _workspace(args)
    for out in (args.csv, args.png):  # both checked before either is written
        if out:
            output_target(Path(out), ws.root)
    if args.csv:
        _printed(write_timeline_csv(ws, args.id, Path(args.csv), actor=_actor(args)))
    if args.png:
        _printed(write_timeline_png(ws, args.id, Path(args.png), actor=_actor(args)))
    return 0


def _print_timeline(args: argparse.Namespace) -> int:
    """Every entry on the terminal, oldest first, in the words of the screen and the record."""
    from app.domain.describe import Context, actor_text, kind_label, marked
    from app.domain.timeutil import format_jst, parse_iso

    ws = _workspace(args)
    entries = ws.incidents.entries(args.id)
    state = ws.incidents.fold(args.id, entries)  # one read: the state of exactly these entries
    context = Context.of(entries)
    lang = language()
    for entry in entries:
        occurred = format_jst(parse_iso(entry.occurred_at))
        recorded = format_jst(parse_iso(entry.recorded_at))
        shown = [
            f"#{entry.seq}",
            occurred,
            kind_label(entry.kind, lang),
            actor_text(entry, lang),
            marked(entry, state, lang, context),
        ]
        if recorded[:16] != occurred[:16]:
            shown.append(str(msg("（記録 {t}）", "(recorded {t})", t=recorded)))
        print(for_terminal("  ".join(shown)))
    return 0


# several laptops: bundles, signed checkpoints, conflicts
def _passphrase(args: argparse.Namespace) -> str | None:
    if not getattr(args, "passphrase_file", None):
        return None
    from app.services.bundle_seal import read_passphrase

    return read_passphrase(Path(args.passphrase_file))


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.bundles import export_incident

    ws = _workspace(args)
    written = export_incident(ws, args.id, Path(args.out), _actor(args), _passphrase(args))
    print(written.path)
    print(
        msg(
            "{n} 件の記録 ({c} 台の端末)、証拠ファイル {e} 件{sealed}",
            "{n} entries ({c} laptops), {e} evidence files{sealed}",
            n=written.entries,
            c=written.chains,
            e=written.evidence,
            sealed=msg("、暗号化済み", ", encrypted") if written.sealed else "",
        )
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.services.bundle_import import import_bundle

    ws = _workspace(args)
    done = import_bundle(ws, Path(args.file), _passphrase(args), into=args.into)
    print(done.describe())
    for conflict in done.conflicts:
        _warn(conflict_line(conflict, _plan_of(ws, done.prepared.incident_id)))
    return 0


def conflict_line(conflict: Any, plan: Any) -> str:
    from app.domain.conflicts import in_words, value_of
    from app.i18n import language

    title, words = in_words(conflict, plan, language())
    values = ", ".join(f"{e.device}: {words[value_of(e)]}" for e in conflict.entries)
    return str(
        msg(
            "食い違い: {what} {t}「{title}」({v}) — sonae incident resolve で決めてください",
            "conflict: {what} {t} “{title}” ({v}) — settle it with sonae incident resolve",
            what=msg("判断", "question") if conflict.subject == "decision" else msg("手順", "step"),
            t=conflict.target,
            title=title,
            v=values,
        )
    )


def _plan_of(ws: Any, incident_id: str) -> Any:
    state = ws.incidents.state(incident_id)
    return state.playbook.plan if state.plans else None


def cmd_incident_conflicts(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    found = ws.incidents.conflicts(args.id)
    if not found:
        print(msg("食い違いはありません", "no conflicts"))
    for conflict in found:
        print(conflict_line(conflict, _plan_of(ws, args.id)))
    return 0


def cmd_incident_resolve(args: argparse.Namespace) -> int:
    entry = _workspace(args).incidents.resolve_conflict(
        args.id, args.target, args.choice, args.reason, _actor(args)
    )
    print(msg("記録しました (#{seq})", "recorded (#{seq})", seq=entry.seq))
    return 0


def cmd_key(args: argparse.Namespace) -> int:
    from app.services.signing import device_key

    ws = _workspace(args, log=False)
    key = device_key(ws)
    print(msg("端末: {d}", "device: {d}", d=key.name))
    print(msg("指紋: {f}", "fingerprint: {f}", f=key.fingerprint))
    print(msg("公開鍵: {k}", "verifier key: {k}", k=key.verifier))
    return 0


def _checkpoint_file(ws: Any, path: Path) -> int:
    from app.services.signing import check_note

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SonaeError(
            msg("{p} を読めません: {e}", "cannot read {p}: {e}", p=path, e=exc)
        ) from None
    found = check_note(ws, text.replace("\r\n", "\n"))
    if found.problem is not None:
        _warn(
            msg(
                "チェックポイントと一致しません: {r}",
                "checkpoint does not hold: {r}",
                r=found.problem,
            )
        )
        return 1
    assert found.note is not None
    print(
        msg(
            "チェックポイント ({s}, {t}) の署名は正しく、記録はその時点の内容を保っています{more}",
            "the checkpoint ({s}, {t}) is signed and the log still holds what it says{more}",
            s=found.signer,
            t=found.note.checkpoint.time,
            more=msg(" (その後 {n} 件追加)", " ({n} entries added since)", n=found.grown)
            if found.grown
            else "",
        )
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    # Qt is imported only here, so every other command starts without it.
    from app.ui.app import run

    return run(args.data_dir, args.lang, read_only=args.read_only)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sonae", description="Sonae (備え): offline incident response")
    parser.add_argument("--version", action="version", version=f"sonae {__version__}")
    parser.add_argument(
        "--data-dir", help="user data folder (default: platform data folder, or SONAE_DATA_DIR)"
    )
    parser.add_argument("--lang", choices=["ja", "en"], default=None, help="message language")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the data folder without writing anything (a write-protected folder or "
        "mount is opened so anyway)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, action=_Commands)

    sub.add_parser("gui", help="open the desktop app").set_defaults(func=cmd_gui)
    demo = sub.add_parser("demo", help="run a built-in drill end to end (headless)")
    demo.add_argument("--out", metavar="FILE.pdf", help="also write the drill's PDF record")
    demo.set_defaults(func=cmd_demo)

    pb = sub.add_parser("playbooks", help="list, check and describe playbooks")
    pbs = pb.add_subparsers(dest="sub", required=True, parser_class=_Parser, action=_Commands)
    p = pbs.add_parser("list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_playbooks_list)
    p = pbs.add_parser("check")
    p.add_argument("paths", nargs="*")
    p.add_argument(
        "--contacts",
        help="warn about roles without holders and unknown external bodies in this contacts file",
    )
    p.set_defaults(func=cmd_playbooks_check)
    pbs.add_parser("schema").set_defaults(func=cmd_playbooks_schema)
    p = pbs.add_parser("import-md", help="start a plan from a Markdown checklist")
    p.add_argument("file", metavar="FILE.md")
    p.add_argument("--out", required=True, metavar="FILE.yaml")
    p.add_argument("--id", help="the plan's id (default: from the file's name)")
    # Checked with the rest of the plan (a wrong one is named with the allowed ones).
    p.add_argument("--category", default="cyber", help="the plan's category (default: cyber)")
    p.set_defaults(func=cmd_playbooks_import_md)
    p = pbs.add_parser("export-md", help="write a plan out as a Markdown checklist")
    p.add_argument("id")
    p.add_argument("--out", required=True, metavar="FILE.md")
    p.set_defaults(func=cmd_playbooks_export_md)

    ex = sub.add_parser("exercise", help="the exercise scripts: drills and tabletop exercises")
    exs = ex.add_subparsers(dest="sub", required=True, parser_class=_Parser, action=_Commands)
    p = exs.add_parser("list", help="the exercise scripts, bundled and the city's own")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_exercise_list)
    p = exs.add_parser("check", help="validate exercise scripts against the plans they exercise")
    p.add_argument("paths", nargs="*")
    p.set_defaults(func=cmd_exercise_check)
    exs.add_parser("schema", help="the script format as JSON Schema").set_defaults(
        func=cmd_exercise_schema
    )
    p = exs.add_parser("start", help="start an exercise from a script (prints its incident id)")
    p.add_argument("script", help="the script's id (sonae exercise list)")
    p.add_argument("--speed", type=float, metavar="X", help="simulated seconds a real second")
    p.add_argument("--actor", help="the facilitator (default: the login name)")
    p.add_argument("--at", help="the scenario's start time, ISO 8601 (default: now)")
    p.add_argument(
        "--mode",
        choices=["drill", "tabletop"],
        help="drill: the same injects on the real clock; tabletop: on a simulated clock "
        "(default: as the script says)",
    )
    p.set_defaults(func=cmd_exercise_start)
    p = exs.add_parser("run", help="play a script headless with the players' responses from a file")
    p.add_argument("script")
    p.add_argument("--responses", required=True, metavar="FILE.yaml")
    p.add_argument("--speed", type=float, metavar="X", help="simulated seconds a real second")
    p.add_argument("--at", help="the scenario's start time, ISO 8601 (default: now)")
    p.add_argument(
        "--wait-at-most",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="a longer wait for the next event jumps the clock instead (default 1)",
    )
    p.add_argument("--out", metavar="FILE.pdf", help="also write the after-action report")
    p.add_argument("--actor", help="who prints the report (default: the login name)")
    p.set_defaults(func=cmd_exercise_run)
    for name, about in (
        ("pause", "pause the exercise: its clock, deadlines and injects hold"),
        ("resume", "resume a paused exercise"),
        ("jump", "move the clock to the next move's situation time"),
        ("speed", "change how fast the exercise's clock runs"),
    ):
        p = exs.add_parser(name, help=about)
        p.add_argument("id")
        if name == "speed":
            p.add_argument("speed", type=float, metavar="X")
        p.add_argument("--actor", help="the facilitator (default: the login name)")
        p.set_defaults(func=cmd_exercise_clock, exercise_action=name)
    p = exs.add_parser("release", help="release the injects that are due, or one by hand")
    p.add_argument("id")
    p.add_argument("inject", nargs="?", help="release this inject now, before its time")
    p.add_argument("--actor", help="the facilitator (default: the login name)")
    p.set_defaults(func=cmd_exercise_release)
    p = exs.add_parser("status", help="the exercise's moves, injects and evaluation")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_exercise_status)
    p = exs.add_parser(
        "remove",
        help="remove a closed exercise as a whole, into an archive that stays verifiable "
        "(who, when and why are kept)",
    )
    p.add_argument("id")
    p.add_argument("--reason", required=True)
    p.add_argument("--actor", help="who removes it (default: the login name)")
    p.set_defaults(func=cmd_exercise_remove)
    p = exs.add_parser("rate", help="rate an objective P, S, M or U, with why")
    p.add_argument("id")
    p.add_argument("objective")
    p.add_argument("rating", choices=["P", "S", "M", "U"])
    p.add_argument("--reason", required=True)
    p.add_argument("--actor", help="the evaluator (default: the login name)")
    p.set_defaults(func=cmd_exercise_rate)

    imp = sub.add_parser("improvements", help="the improvement plan across incidents and exercises")
    imps = imp.add_subparsers(dest="sub", required=True, parser_class=_Parser, action=_Commands)
    p = imps.add_parser("list", help="the open improvement items (--all: the closed ones too)")
    p.add_argument("--all", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_improvements_list)
    p = imps.add_parser("close", help="close an improvement item, naming what was done")
    p.add_argument("id", help="the incident")
    p.add_argument("item", help="the item's id (sonae improvements list)")
    p.add_argument("--done", required=True, help="what was done about it")
    p.add_argument("--revision", help="the plan revision that carries it (e.g. ransomware v4)")
    p.add_argument("--actor", help="who closes it (default: the login name)")
    p.set_defaults(func=cmd_improvements_close)

    inc = sub.add_parser("incident", help="start and record an incident")
    incs = inc.add_subparsers(dest="sub", required=True, parser_class=_Parser, action=_Commands)

    def common(p: argparse.ArgumentParser, at: bool = True) -> None:
        p.add_argument("--actor", help="who did it (default: the login name)")
        if at:
            p.add_argument("--at", help="when it happened, ISO 8601 (default: now)")

    p = incs.add_parser("start")
    p.add_argument("playbook_id")
    p.add_argument("--title", required=True)
    p.add_argument("--mode", choices=["real", "drill", "tabletop"], default="real")
    p.add_argument("--zones", help="comma-separated: mynumber,lgwan,internet")
    p.add_argument(
        "--body",
        help="the body (機関) concerned: executive, committee, council or council_office "
        "(conditions read these; other text is kept as written)",
    )
    p.add_argument("--awareness", help="when the city became aware, if earlier (ISO 8601)")
    common(p)
    p.set_defaults(func=cmd_incident_start)

    p = incs.add_parser("step")
    p.add_argument("id")
    p.add_argument("step_id")
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--start", action="store_true")
    action.add_argument("--done", action="store_true")
    action.add_argument("--skip", metavar="REASON")
    action.add_argument(
        "--defer", metavar="REASON", help="put the step off to come back to (保留), with why"
    )
    p.add_argument("--until", metavar="ISO8601", help="with --defer: when to come back to it")
    p.add_argument("--note")
    p.add_argument(
        "--field",
        action="append",
        metavar="NAME=VALUE",
        help="a recorded field of the step (repeatable)",
    )
    p.add_argument("--deputy-for", help="done as deputy (代行) for this person or role")
    common(p)
    p.set_defaults(func=cmd_incident_step)

    p = incs.add_parser("decide")
    p.add_argument("id")
    p.add_argument("decision_id")
    p.add_argument("choice")
    p.add_argument("--reason", help="why this answer (printed beside it)")
    common(p)
    p.set_defaults(func=cmd_incident_decide)

    p = incs.add_parser(
        "lesson", help="a lesson, or an improvement item, for the after-action report"
    )
    p.add_argument("id")
    p.add_argument("text")
    p.add_argument(
        "--category",
        choices=list(LESSON_CATEGORY_LABELS),
        default="lesson",
        help="lesson (教訓), went_well (良かった点) or went_badly (課題)",
    )
    p.add_argument("--improvement", action="store_true", help="an item to change the plan")
    p.add_argument("--owner", help="who carries out the improvement item")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="when the improvement item is due")
    p.add_argument("--plan", metavar="PLAYBOOK_ID", help="the plan it should change")
    p.add_argument("--step", metavar="STEP_ID", help="the step of that plan it should change")
    p.add_argument("--note", metavar="UUID", help="the note of the log this lesson is marked on")
    common(p)
    p.set_defaults(func=cmd_incident_lesson)

    p = incs.add_parser("note")
    p.add_argument("id")
    p.add_argument("text")
    common(p)
    p.set_defaults(func=cmd_incident_note)

    p = incs.add_parser("status")
    p.add_argument("id")
    p.add_argument("status", choices=["open", "contained", "recovered", "closed"])
    p.add_argument("--summary")
    common(p)
    p.set_defaults(func=cmd_incident_status)

    p = incs.add_parser("clock", help="change a tabletop exercise's simulated clock")
    p.add_argument("id")
    p.add_argument("action", choices=list(CLOCK_OPTIONS))
    target = p.add_mutually_exclusive_group()
    target.add_argument("--to", metavar="TIME", help="start at, or jump to, this time (ISO 8601)")
    target.add_argument("--by", metavar="DURATION", help="jump forward this long (PT30M or 30m)")
    p.add_argument(
        "--speed", type=float, metavar="X", help="how fast it runs (0.25 to 600 times real time)"
    )
    common(p, at=False)
    p.set_defaults(func=cmd_incident_clock)

    p = incs.add_parser(
        "awareness", help="correct the awareness time (when any section first knew), with a reason"
    )
    p.add_argument("id")
    p.add_argument("--to", required=True, metavar="TIME", help="the awareness time (ISO 8601)")
    p.add_argument("--reason", required=True)
    common(p, at=False)
    p.set_defaults(func=cmd_incident_awareness)

    p = incs.add_parser("body", help="name or correct the body (機関) the incident concerns")
    p.add_argument("id")
    p.add_argument("body", choices=["executive", "committee", "council", "council_office"])
    common(p, at=False)
    p.set_defaults(func=cmd_incident_body)

    p = incs.add_parser("check", help="tick (or untick) a check item of a step")
    p.add_argument("id")
    p.add_argument("step_id")
    p.add_argument("check_id")
    p.add_argument("--untick", action="store_true", help="take the tick back")
    common(p)
    p.set_defaults(func=cmd_incident_check)

    p = incs.add_parser("contact", help="record a contact made for a reporting step")
    p.add_argument("id")
    p.add_argument("step_id")
    p.add_argument(
        "--whom", required=True, help="the body or person contacted (a contact id or a name)"
    )
    p.add_argument("--channel", required=True, choices=list(CHANNEL_LABELS))
    p.add_argument("--person", help="the name of the person spoken to")
    p.add_argument("--receipt", help="the receipt number given (受付番号)")
    p.add_argument("--outcome", help="what was agreed or said")
    common(p)
    p.set_defaults(func=cmd_incident_contact)

    p = incs.add_parser("correct", help="retract an earlier entry, with a reason")
    p.add_argument("id")
    p.add_argument("entry", metavar="ENTRY", help="the entry's uuid, or its number (#12)")
    p.add_argument("--reason", required=True)
    common(p)
    p.set_defaults(func=cmd_incident_correct)

    p = incs.add_parser("handover", help="continue the incident under another playbook")
    p.add_argument("id")
    p.add_argument("playbook_id")
    common(p)
    p.set_defaults(func=cmd_incident_handover)

    p = incs.add_parser("conflicts", help="what laptops recorded differently, after a merge")
    p.add_argument("id")
    p.set_defaults(func=cmd_incident_conflicts)
    p = incs.add_parser("resolve", help="settle a conflict between laptops, with why")
    p.add_argument("id")
    p.add_argument("target", help="the question's or the step's id")
    p.add_argument("choice", help="the answer chosen (for a step: done or skipped)")
    p.add_argument("--reason", required=True)
    p.add_argument("--actor")
    p.set_defaults(func=cmd_incident_resolve)
    p = incs.add_parser("list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_incident_list)

    p = incs.add_parser("show")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--now", help="compute deadline states at this time (ISO 8601)")
    p.set_defaults(func=cmd_incident_show)

    def evidence_add(p: argparse.ArgumentParser) -> None:
        p.add_argument("id")
        p.add_argument("file", help="the file to attach (kept by its sha256 in the data folder)")
        p.add_argument("--step", metavar="STEP_ID", help="the step it belongs to")
        p.add_argument("--note", help="what it is")
        common(p)
        p.set_defaults(func=cmd_evidence_add)

    # The contract's form (DESIGN.md), beside the evidence commands.
    evidence_add(incs.add_parser("evidence", help="attach a file (see also: sonae evidence)"))

    ev = sub.add_parser("evidence", help="evidence files: attach, list, export, hand over")
    evs = ev.add_subparsers(dest="sub", required=True, parser_class=_Parser, action=_Commands)
    evidence_add(evs.add_parser("add", help="attach a file; prints its sha256"))
    p = evs.add_parser("list", help="the files with their hash, who added them, state and custody")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evidence_list)
    p = evs.add_parser("export", help="write a copy of a file, recording its custody")
    p.add_argument("id")
    p.add_argument("sha", metavar="SHA256", help="the file's sha256 (its first 8 or more digits)")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--to", metavar="WHO", help="whom the copy is for (default: the file written)")
    p.add_argument("--note")
    common(p, at=False)
    p.set_defaults(func=cmd_evidence_export)
    p = evs.add_parser("handover", help="record that a file was handed to someone")
    p.add_argument("id")
    p.add_argument("sha", metavar="SHA256", help="the file's sha256 (its first 8 or more digits)")
    p.add_argument("--to", required=True, metavar="WHO", help="to whom, or where")
    p.add_argument("--note")
    common(p)
    p.set_defaults(func=cmd_evidence_handover)

    p = sub.add_parser("report", help="write the PDF incident record or after-action report")
    p.add_argument("id")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument(
        "--kind",
        choices=["record", "after-action", "submission"],
        default="record",
        help="the signed record, the after-action report, or the copy to send outside",
    )
    p.add_argument(
        "--as-of", help="the incident as it stood at this time (default: the last entry)"
    )
    common(p, at=False)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("print", help="the blank paper checklist of a playbook, with contacts")
    p.add_argument("playbook_id")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument(
        "--mode",
        choices=["real", "drill", "tabletop"],
        default="real",
        help="drill or tabletop: an exercise copy (its mark, 評価者・訓練統括 sign-off)",
    )
    p.set_defaults(func=cmd_print)

    p = sub.add_parser("timeline", help="print an incident's timeline, or export it as CSV or PNG")
    p.add_argument("id")
    p.add_argument("--csv", metavar="FILE.csv", help="every entry, UTF-8 with BOM (Excel)")
    p.add_argument("--png", metavar="FILE.png", help="the timeline chart as an image")
    common(p, at=False)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser(
        "settings",
        help="who issues the records: organisation (団体名), department (部署), contact (連絡先)",
    )
    p.add_argument("key", nargs="?", choices=["organisation", "department", "contact"])
    p.add_argument("value", nargs="?")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("export", help="write an incident as a bundle for another laptop")
    p.add_argument("id")
    p.add_argument("--out", required=True, metavar="FILE.sonae")
    p.add_argument(
        "--passphrase-file", metavar="FILE", help="encrypt the bundle with the passphrase in FILE"
    )
    p.add_argument("--actor", help="who hands the evidence files over (default: the login name)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="merge another laptop's bundle of an incident")
    p.add_argument("file")
    p.add_argument("--into", metavar="ID", help="refuse the bundle unless it is of incident ID")
    p.add_argument(
        "--passphrase-file", metavar="FILE", help="the passphrase of an encrypted bundle"
    )
    p.set_defaults(func=cmd_import)
    sub.add_parser("key", help="this laptop's signing key: its fingerprint").set_defaults(
        func=cmd_key
    )
    p = sub.add_parser("verify", help="check the hash chain")
    p.add_argument("id", nargs="?")
    p.add_argument(
        "--head",
        metavar="HASH",
        help="also check a printed copy's chain head (at least 12 characters; spaces allowed)",
    )
    p.add_argument(
        "--acknowledge-loss",
        action="store_true",
        help="record a detected loss (after a restore was not possible) and take the log as "
        "it is now as the baseline",
    )
    p.add_argument("--actor", help="who accepts the loss (default: the login name)")
    p.add_argument(
        "--checkpoint",
        metavar="FILE",
        help="also check a signed checkpoint (from a printed record's QR code, or a bundle)",
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("backup", help="an online backup of the database, checked (into backups/)")
    p.add_argument("--out", metavar="FILE", help="write it here instead of the backups folder")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore",
        help="restore the database from a backup (checked first; the current one is kept)",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)
    return parser


class _Visible:
    """A text stream that shows control, bidi and invisible characters as escapes: whatever a
    command prints (a title, a note, an echoed argument) cannot repaint or reorder the terminal.
    Newlines between lines stay; a value printed on one line is escaped whole beforehand."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write("\n".join(for_terminal(line) for line in text.split("\n")))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(sys.stdout), _Visible(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in ([], ["gui"]):
        # The desktop app as its shortcut starts it: nothing to parse, and the window is sooner.
        args = argparse.Namespace(data_dir=None, lang=None, read_only=False, func=cmd_gui)
    else:
        args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    for value in argv:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that were not UTF-8 reached us as surrogates
            print(
                msg(
                    "sonae: 引数が UTF-8 の文字列ではありません",
                    "sonae: an argument is not UTF-8 text",
                ),
                file=sys.stderr,
            )
            return 1
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except SonaeError as exc:
        _warn(f"sonae: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the user named cannot be read or written
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"sonae: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line for the user; SONAE_DEBUG=1 shows where
        if os.environ.get("SONAE_DEBUG"):
            raise
        text = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        _warn(
            msg(
                "sonae: 内部エラー ({t})。SONAE_DEBUG=1 で詳細を表示できます",
                "sonae: internal error ({t}); set SONAE_DEBUG=1 for details",
                t=text,
            )
        )
        return 1
    finally:
        try:
            _finish()
        except SonaeError as exc:
            _warn(f"sonae: {exc}")


if __name__ == "__main__":
    sys.exit(main())
