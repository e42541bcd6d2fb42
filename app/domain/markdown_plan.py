"""A plan started from a Markdown checklist, and a plan written out as one.

Many teams keep their runbooks as Markdown. ``plan_from_markdown`` reads one with markdown-it-py
(CommonMark): the first level-1 heading is the plan's title and the paragraphs under it its
summary; each level-2 heading is a phase; each item of a list under it is a step, its first line
the title and its further paragraphs the detail; the items of a list nested in a step are its
check items (``[ ]``/``[x]`` task marks are dropped). Anything else (a table, a level-3 heading,
a list before the first phase) is refused with its line, never silently dropped. Ids are made
from the order (``p1``, ``p1_s2``, ``c1``) because Japanese titles make no ids.

The result is a plan dictionary for the YAML writer; it is checked by the plan rules
(``loader.load_text``) like any plan before it is written. ``markdown_from_plan`` is the way
back: headings, steps and check items in the same shape, so a plan exported and imported again
keeps its phases, steps and check items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from app.domain.playbook import Playbook
from app.i18n import Msg, msg

_TASK_MARK = re.compile(r"^\[[ xX]\]\s+")


class MarkdownProblem(Exception):
    """A Markdown checklist that does not make a plan: the line (1-based) and why."""

    def __init__(self, line: int, why: Msg) -> None:
        super().__init__(str(why))
        self.line = line
        self.why = why


@dataclass
class _Step:
    title: str
    line: int
    detail: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class _Phase:
    title: str
    line: int
    steps: list[_Step] = field(default_factory=list)


def _line(token: Token) -> int:
    return (token.map[0] + 1) if token.map else 1


def _inline_text(tokens: list[Token], i: int) -> str:
    """The plain text of the inline token after an opening token (heading or paragraph)."""
    inline = tokens[i + 1]
    text = "".join(
        child.content
        if child.type in ("text", "code_inline")
        else ("\n" if "break" in child.type else "")
        for child in (inline.children or [])
    )
    return " ".join(text.split())


def _not_allowed(token: Token, in_step: bool) -> MarkdownProblem:
    """A block a checklist has no place for (a table, a quote, code), at its line."""
    what = token.type.removesuffix("_open")
    if in_step:
        why = msg(
            "手順の中に使えない書き方です（{what}）", "not part of a step ({what})", what=what
        )
    else:
        why = msg(
            "手順書に使えない書き方です（{what}）。見出しと箇条書きで書いてください",
            "not part of a checklist ({what}): use headings and lists",
            what=what,
        )
    return MarkdownProblem(_line(token), why)


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.title = ""
        self.title_line = 1
        self.summary: list[str] = []
        self.phases: list[_Phase] = []

    def read(self) -> None:
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                i = self._heading(i)
            elif token.type == "paragraph_open":
                self._paragraph(i)
                i = self._close(i)
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                i = self._steps(i)
            elif token.type == "hr":
                i += 1
            else:
                raise _not_allowed(token, in_step=False)
        if not self.title:
            raise MarkdownProblem(1, msg("「# 題名」の見出しがありません", "no '# title' heading"))
        if not self.phases:
            raise MarkdownProblem(
                self.title_line, msg("「## 段階」の見出しがありません", "no '## phase' heading")
            )
        for phase in self.phases:
            if not phase.steps:
                raise MarkdownProblem(
                    phase.line,
                    msg(
                        "段階「{t}」に手順（箇条書き）がありません",
                        "phase '{t}' has no steps (list items)",
                        t=phase.title,
                    ),
                )

    def _close(self, i: int) -> int:
        """The index after the closing token of the block opened at ``i``."""
        level = self.tokens[i].level
        j = i + 1
        while not (self.tokens[j].nesting == -1 and self.tokens[j].level == level):
            j += 1
        return j + 1

    def _heading(self, i: int) -> int:
        token = self.tokens[i]
        text = _inline_text(self.tokens, i)
        if token.tag == "h1" and not self.title and not self.phases:
            self.title, self.title_line = text, _line(token)
        elif token.tag == "h2" and self.title:
            self.phases.append(_Phase(text, _line(token)))
        else:
            raise MarkdownProblem(
                _line(token),
                msg(
                    "見出し「{t}」: 題名は最初の「#」1つ、段階は「##」です",
                    "heading '{t}': the title is the first '#', phases are '##'",
                    t=text,
                ),
            )
        return self._close(i)

    def _paragraph(self, i: int) -> None:
        text = _inline_text(self.tokens, i)
        if self.phases:
            raise MarkdownProblem(
                _line(self.tokens[i]),
                msg(
                    "段階の中の文章は手順の下に字下げして書いてください",
                    "text in a phase belongs indented under a step",
                ),
            )
        if not self.title:
            raise MarkdownProblem(
                _line(self.tokens[i]),
                msg("最初に「# 題名」を書いてください", "start with '# title'"),
            )
        self.summary.append(text)

    def _steps(self, i: int) -> int:
        if not self.phases:
            raise MarkdownProblem(
                _line(self.tokens[i]),
                msg(
                    "箇条書きの前に「## 段階」の見出しが要ります",
                    "a list needs a '## phase' heading above it",
                ),
            )
        for item, item_end in self._items(i):
            self.phases[-1].steps.append(
                self._step(item + 1, item_end - 1, _line(self.tokens[item]))
            )
        return self._close(i)

    def _items(self, list_open: int) -> list[tuple[int, int]]:
        """(index of each item's opening token, index after its closing one) of a list."""
        end = self._close(list_open) - 1  # the list's closing token
        items, j = [], list_open + 1
        while j < end:
            items.append((j, self._close(j)))
            j = items[-1][1]
        return items

    def _step(self, start: int, end: int, line: int) -> _Step:
        step: _Step | None = None
        j = start
        while j < end:
            token = self.tokens[j]
            if token.type == "paragraph_open":
                text = _TASK_MARK.sub("", _inline_text(self.tokens, j))
                if step is None:
                    step = _Step(text, line)
                else:
                    step.detail.append(text)
                j = self._close(j)
            elif token.type in ("bullet_list_open", "ordered_list_open") and step is not None:
                for item, item_end in self._items(j):
                    inner = self.tokens[item + 1 : item_end - 1]
                    if any(t.type in ("bullet_list_open", "ordered_list_open") for t in inner):
                        raise MarkdownProblem(
                            _line(self.tokens[item]),
                            msg(
                                "確認項目の下にさらに箇条書きは置けません（3段目）",
                                "a check item cannot have a list of its own (third level)",
                            ),
                        )
                    texts = [
                        _TASK_MARK.sub("", _inline_text(self.tokens, n))
                        for n in range(item + 1, item_end - 1)
                        if self.tokens[n].type == "paragraph_open"
                    ]
                    step.checks.append(" ".join(texts))
                j = self._close(j)
            else:
                raise _not_allowed(token, in_step=True)
        if step is None or not step.title:
            raise MarkdownProblem(line, msg("題のない手順です", "a step with no title"))
        return step


def plan_from_markdown(
    text: str, plan_id: str, category: str, revised: date | None = None
) -> dict[str, Any]:
    """The plan dictionary of a Markdown checklist (see the module's docstring), version 1 of
    ``revised``; raises ``MarkdownProblem`` with the line at fault."""
    reader = _Reader(MarkdownIt("commonmark").parse(text))
    reader.read()
    plan: dict[str, Any] = {
        "schema": 2,
        "id": plan_id,
        "version": 1,
        **({"revised": revised} if revised else {}),
        "category": category,
        "title": {"ja": reader.title},
    }
    if reader.summary:
        plan["summary"] = {"ja": "\n".join(reader.summary)}
    phases = []
    for p, phase in enumerate(reader.phases, 1):
        steps = []
        for s, step in enumerate(phase.steps, 1):
            entry: dict[str, Any] = {"id": f"p{p}_s{s}", "title": {"ja": step.title}}
            if step.detail:
                entry["detail"] = {"ja": "\n".join(step.detail)}
            if step.checks:
                entry["checks"] = [
                    {"id": f"c{c}", "text": {"ja": check}} for c, check in enumerate(step.checks, 1)
                ]
            steps.append(entry)
        phases.append({"id": f"p{p}", "title": {"ja": phase.title}, "steps": steps})
    plan["phases"] = phases
    return plan


_INLINE_MARKS = re.compile(r"([\\`*_\[\]<>&!|~])")


def _escaped(text: str) -> str:
    """One line of plain Markdown that reads back as ``text``: no line breaks, every mark that
    would start emphasis, code, a link or an entity escaped, and so a leading mark that would make
    a heading, a quote or a list item."""
    line = _INLINE_MARKS.sub(r"\\\1", " ".join(text.split()))
    line = re.sub(r"^([#>+\-=])", r"\\\1", line)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)


def markdown_from_plan(plan: Playbook, lang: str = "ja") -> str:
    """The plan as a Markdown checklist: title, summary, a heading per phase, a list item per
    step with its detail indented under it and its check items as a nested task list. A step
    shown only under a condition says so in its detail, since Markdown has no conditions."""
    out = [f"# {_escaped(plan.title.get(lang))}", ""]
    if plan.summary:
        out += [_escaped(plan.summary.get(lang)), ""]
    for phase in plan.phases:
        out += [f"## {_escaped(phase.title.get(lang))}", ""]
        for step in phase.steps:
            out.append(f"- {_escaped(step.title.get(lang))}")
            notes = []
            if step.detail:
                notes.append(_escaped(step.detail.get(lang)))
            if step.when:
                # A code span: the condition reads as written, with no escapes.
                label = "条件: " if lang == "ja" else "Only when: "
                condition = " ".join(step.when.split())
                notes.append(
                    label + (f"`{condition}`" if "`" not in condition else _escaped(condition))
                )
            for note in notes:
                out += ["", f"  {note}"]
            if step.checks:
                out.append("")
                out += [f"  - [ ] {_escaped(c.text.get(lang))}" for c in step.checks]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
