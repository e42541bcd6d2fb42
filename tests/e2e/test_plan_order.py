"""The order of the bundled plans: what must come before what, plan by plan.

A plan runs in plan order (its phases, then each phase's steps). The tables below name, for each
plan, the steps that keep evidence, the steps that destroy or replace it (wipe, reimage, rebuild,
restore, decrypt, delete), the police contact and the other pairs whose order the domain brief and
the December 2026 review fix (/work/shared/DOMAIN.md, /work/shared/reviews/plans-2026-12.md).
An edit that moves one of these steps fails here with the plan and both steps named.

"Before" is checked in every branch: where a destructive step applies (for some answers to the
plan's questions and some body of the city), a keeping step that also applies there comes first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from app.domain.entries import BODIES
from app.domain.playbook import Playbook, Step
from app.paths import playbooks_dir
from app.services.library import Library

PLANS = {p.id: p.plan for p in Library([playbooks_dir()]).all()}

# Plans where evidence must be kept before anything is wiped or rebuilt: every cyber plan, and the
# vendor and leak plans (category human_error_or_failure, but a leak can be a crime too).
PRESERVE_SCOPE = {p for p, plan in PLANS.items() if plan.category == "cyber"} | {
    "personal_data_leak",
    "vendor_incident",
}

# plan -> (steps that keep the evidence, steps that destroy or replace it)
PRESERVE_BEFORE_DESTROY: dict[str, tuple[list[str], list[str]]] = {
    "ransomware": (["preserve_evidence"], ["decryptor", "rebuild", "restore", "no_clean_backup"]),
    "intrusion": (["preserve_logs", "preserve_evidence"], ["rebuild"]),
    "malware_terminal": (["preserve"], ["reimage"]),
    "ddos_defacement": (["preserve_evidence"], ["compare_restore"]),
    # revoking tips the person off; the copies taken out are recalled and deleted afterwards
    "insider_misuse": (["preserve_logs"], ["revoke_access", "recall_data"]),
    "initial_report": (["leave_as_is"], ["restore_minor"]),
    "personal_data_leak": ([], ["recall_mail"]),  # keeps a record itself: see SELF_PRESERVING
    "vendor_incident": ([], []),  # the data and the logs are at the vendor; nothing is wiped here
}
# A destructive step that records what it removes before removing it, said in its own detail.
SELF_PRESERVING = {("personal_data_leak", "recall_mail"): "掲載を削除する前に"}
# Words of a step id that mark it as destroying or replacing something: such a step must be in
# the table above, so a new one cannot slip in unordered.
DESTRUCTIVE_WORDS = {"wipe", "reimage", "rebuild", "restore", "decrypt", "decryptor", "recall"}

# plan -> (the police contact, the steps it must come before); it sits in a contain-stage phase.
POLICE_BEFORE_RECOVERY: dict[str, tuple[str, list[str]]] = {
    "ransomware": ("report_police", ["decryptor", "rebuild", "restore", "no_clean_backup"]),
    "intrusion": ("report_police", ["rebuild", "verify_reconnect"]),
    "malware_terminal": ("report_police", ["reimage", "verify_reconnect"]),
    "ddos_defacement": ("report_police", ["compare_restore"]),
    "insider_misuse": ("police_consult", ["establish_facts"]),  # before the interview
    "lost_device": ("police_report", ["replace_device"]),
}

# Other pairs that must stay in this order: (plan, earlier, later, why).
ORDER: list[tuple[str, str, str, str]] = [
    (
        "ransomware",
        "isolate",
        "isolate_backups",
        "the machine is cut off first, by whoever is there",
    ),
    ("ransomware", "isolate_backups", "verify_backups", "backups are cut off before they are used"),
    ("ransomware", "isolate_backups", "restore", "backups are cut off before they are used"),
    ("ransomware", "isolate_backups", "rebuild", "backups are cut off before anything is wiped"),
    ("ransomware", "verify_backups", "restore", "a backup is checked clean before it is restored"),
    ("ransomware", "rebuild", "restore", "restore into the rebuilt system, never over the old"),
    ("ransomware", "preserve_evidence", "reconnect", "nothing goes back on the net unpreserved"),
    ("intrusion", "preserve_logs", "isolate_server", "the server's logs are copied first"),
    ("intrusion", "isolate_server", "csirt_setup", "isolate before convening the CSIRT"),
    ("intrusion", "reset_credentials", "verify_reconnect", "credentials reset before reconnecting"),
    ("intrusion", "close_entry", "rebuild", "the way in is closed before the rebuild"),
    ("malware_terminal", "disconnect", "identify", "the terminal is cut off first"),
    ("malware_terminal", "preserve", "scan_segment", "the evidence is kept before the sweep"),
    ("malware_terminal", "switch_to_intrusion", "reimage", "hand over before anything is wiped"),
    ("ddos_defacement", "take_offline", "compare_restore", "the defaced site is taken down first"),
    ("ddos_defacement", "change_passwords", "compare_restore", "passwords changed first"),
    ("insider_misuse", "preserve_logs", "establish_facts", "logs kept before the interview"),
    ("insider_misuse", "stop_ongoing", "preserve_logs", "an export under way is stopped at once"),
    ("lost_device", "remote_lock", "search_trace", "lock at once, without waiting for the search"),
    ("lost_device", "remote_lock", "remote_wipe", "the lock comes before any wipe"),
    ("lost_device", "search_trace", "remote_wipe", "wipe only once the search has failed"),
    ("initial_report", "leave_as_is", "record_first", "leave things as they are, then write"),
    (
        "initial_report",
        "record_first",
        "choose_plan",
        "what was seen is written before handing over",
    ),
    ("personal_data_leak", "report_supervisor", "ask_delete", "escalate at once"),
    ("vendor_incident", "record_notice", "demand_reports", "when the vendor told the city, first"),
]

# The first step of a plan: done by whoever is there, whatever the answers.
FIRST_STEP = {
    "ransomware": "isolate",
    "intrusion": "preserve_logs",
    "malware_terminal": "disconnect",
    "initial_report": "leave_as_is",
}


def order(plan: Playbook) -> list[str]:
    """Plan order: phases, then steps."""
    return [s.id for s in plan.steps()]


def stage_of(plan: Playbook, step_id: str) -> str | None:
    phase = plan.phase_of(step_id)
    return phase.stage if phase else None


def step(plan: Playbook, step_id: str) -> Step:
    found = plan.step(step_id)
    assert found is not None, f"{plan.id}: no step '{step_id}' (the order tables name it)"
    return found


def fact_values(plan: Playbook, name: str) -> list[str | frozenset[str]]:
    if name == "incident.body":
        return list(BODIES)
    if name == "incident.zones":
        zones = sorted(plan.zones)
        return [
            frozenset(c) for n in range(len(zones) + 1) for c in itertools.combinations(zones, n)
        ]
    if name == "incident.mode":
        return ["real", "drill", "tabletop"]
    decision = plan.decision(name)
    assert decision is not None, f"{plan.id}: a condition reads '{name}', which is not asked"
    return list(decision.choice_ids())


def branches(plan: Playbook, steps: list[Step]) -> Iterator[dict[str, str | frozenset[str]]]:
    """Every combination of the answers (and incident facts) these steps' conditions read."""
    names = sorted(
        {name for s in steps if s.condition is not None for name, _ in s.condition.references()}
    )
    for values in itertools.product(*(fact_values(plan, n) for n in names)):
        yield dict(zip(names, values, strict=True))


def holds(s: Step, facts: dict[str, str | frozenset[str]]) -> bool:
    return s.condition is None or s.condition.evaluate(facts) is True


def test_the_tables_cover_every_plan_in_scope() -> None:
    assert set(PRESERVE_BEFORE_DESTROY) == PRESERVE_SCOPE
    assert {"ransomware", "intrusion", "malware_terminal", "ddos_defacement"} <= PRESERVE_SCOPE
    assert {"insider_misuse", "initial_report"} <= PRESERVE_SCOPE  # filed under cyber too


@pytest.mark.parametrize("plan_id", sorted(PRESERVE_BEFORE_DESTROY))
def test_evidence_is_kept_before_anything_is_wiped_or_restored(plan_id: str) -> None:
    plan = PLANS[plan_id]
    keep_ids, destroy_ids = PRESERVE_BEFORE_DESTROY[plan_id]
    ids = order(plan)
    # Every step whose id says it wipes, rebuilds, restores or decrypts is in the table.
    marked = [s for s in ids if DESTRUCTIVE_WORDS & set(s.split("_")) and s not in destroy_ids]
    assert marked == [], f"{plan_id}: {marked} destroy or replace something: list them above"
    keeps = [step(plan, k) for k in keep_ids]
    for destroy_id in destroy_ids:
        destroy = step(plan, destroy_id)
        own = SELF_PRESERVING.get((plan_id, destroy_id))
        if own is not None:
            assert destroy.detail is not None and own in destroy.detail.ja, (
                f"{plan_id}: {destroy_id} must say that it records what it removes first ({own})"
            )
            continue
        assert keeps, f"{plan_id}: nothing keeps the evidence before {destroy_id}"
        for keep in keeps:
            assert ids.index(keep.id) < ids.index(destroy_id), (
                f"{plan_id}: {keep.id} must come before {destroy_id} "
                f"(now {ids.index(keep.id)} and {ids.index(destroy_id)} in plan order)"
            )
        for facts in branches(plan, [destroy, *keeps]):
            if holds(destroy, facts):
                kept = [k.id for k in keeps if holds(k, facts)]
                assert kept, (
                    f"{plan_id}: when {facts}, {destroy_id} applies but no step keeps the "
                    f"evidence before it ({keep_ids} do not apply)"
                )


@pytest.mark.parametrize("plan_id", sorted(POLICE_BEFORE_RECOVERY))
def test_the_police_are_called_while_containing_before_recovery(plan_id: str) -> None:
    plan = PLANS[plan_id]
    police_id, later = POLICE_BEFORE_RECOVERY[plan_id]
    police = step(plan, police_id)
    assert any(c.startswith("police") for c in police.contacts), f"{plan_id}: {police_id}"
    assert stage_of(plan, police_id) == "contain", (
        f"{plan_id}: {police_id} is in a {stage_of(plan, police_id)} phase, not contain"
    )
    ids = order(plan)
    for later_id in later:
        step(plan, later_id)
        assert ids.index(police_id) < ids.index(later_id), (
            f"{plan_id}: {police_id} must come before {later_id}"
        )
        assert stage_of(plan, later_id) in ("recover", "report", "review"), later_id


@pytest.mark.parametrize(
    ("plan_id", "earlier", "later", "why"), ORDER, ids=[f"{p}:{a}<{b}" for p, a, b, _ in ORDER]
)
def test_steps_keep_their_order(plan_id: str, earlier: str, later: str, why: str) -> None:
    plan = PLANS[plan_id]
    step(plan, earlier)
    step(plan, later)
    ids = order(plan)
    assert ids.index(earlier) < ids.index(later), f"{plan_id}: {earlier} before {later}: {why}"


@pytest.mark.parametrize("plan_id", sorted(FIRST_STEP))
def test_the_first_step_is_done_at_once_whatever_the_answers(plan_id: str) -> None:
    plan = PLANS[plan_id]
    first = plan.phases[0].steps[0]
    assert first.id == FIRST_STEP[plan_id], f"{plan_id}: the first step is {first.id}"
    assert first.when is None, f"{plan_id}: {first.id} must not wait for any answer"
    assert stage_of(plan, first.id) == "detect"


def test_ransomware_cuts_off_the_backups_unconditionally_while_containing() -> None:
    plan = PLANS["ransomware"]
    backups = step(plan, "isolate_backups")
    assert backups.when is None and stage_of(plan, "isolate_backups") == "contain"
    assert backups.target is not None  # shown against the clock from the awareness time
    assert stage_of(plan, "restore") == "recover"
    isolate = step(plan, "isolate")
    assert isolate.role == "staff", "whoever is at the machine cuts it off, not the admin"
    assert isolate.detail is not None and "電源は切らない" in isolate.detail.ja


def test_intrusion_isolates_before_the_csirt_meets() -> None:
    plan = PLANS["intrusion"]
    ids = order(plan)
    assert ids[:2] == ["preserve_logs", "isolate_server"], "copy the logs, then isolate at once"
    assert ids.index("isolate_server") < ids.index("csirt_setup")
    assert step(plan, "isolate_server").when is None


def test_insider_misuse_preserves_quietly_before_revoking() -> None:
    plan = PLANS["insider_misuse"]
    ids = order(plan)
    assert ids.index("preserve_logs") < ids.index("revoke_access")
    assert step(plan, "preserve_logs").when is None and step(plan, "revoke_access").when is None
    assert stage_of(plan, "preserve_logs") == stage_of(plan, "revoke_access") == "contain"
    preserve = step(plan, "preserve_logs")
    assert preserve.detail is not None and "権限を止める前に" in preserve.detail.ja
    # 告発 is the rule for a public official (刑訴法239条2項): the decision applies always.
    assert step(plan, "police_decision").when is None


def test_lost_device_locks_at_once_and_wipes_only_if_not_found() -> None:
    plan = PLANS["lost_device"]
    ids = order(plan)
    lock = step(plan, "remote_lock")
    assert lock.when is None, "the lock does not wait for the search or any answer"
    assert stage_of(plan, "remote_lock") == "detect"
    assert ids.index("remote_lock") < ids.index("search_trace")
    wipe = step(plan, "remote_wipe")
    assert wipe.when is not None and wipe.condition is not None
    assert wipe.condition.evaluate({"found": "no"}) is True
    assert wipe.condition.evaluate({"found": "yes"}) is False


def test_initial_report_unplugs_the_lan_without_powering_off() -> None:
    plan = PLANS["initial_report"]
    first = plan.phases[0].steps[0]
    assert first.id == "leave_as_is" and first.when is None
    assert first.detail is not None
    ja, en = first.detail.ja, first.detail.en or ""
    assert "LANケーブルを抜き" in ja and "電源は切らない" in ja
    assert "unplug the LAN cable" in en and "without powering off" in en
    checks = {c.id: c.text.ja for c in first.checks}
    assert "LANケーブルを抜き" in checks["unplugged"] and "電源は切らない" in checks["unplugged"]
    assert "電源を切らず" in checks["power"]
    # The summary says it too: it is what a responder reads when picking the plan.
    assert plan.summary is not None and "LANケーブルを抜き" in plan.summary.ja
