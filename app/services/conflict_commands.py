"""Settling what two laptops recorded differently (app/domain/conflicts.py): a responder
chooses, and says why, in a new entry; nothing is settled by the merge order alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import kinds as k
from app.domain.entries import EntryDraft, LogEntry
from app.domain.kinds import draft
from app.errors import SonaeError
from app.i18n import msg
from app.services.incident_commands import Act, IncidentCommands, _text

if TYPE_CHECKING:  # the conflicts are looked for after an import, not on every command
    from app.domain.conflicts import Conflict


class ConflictCommands(IncidentCommands):
    def conflicts(self, incident_id: str) -> list[Conflict]:
        """The incident's open conflicts, in the log's order (none with one laptop's chain:
        a conflict is between laptops)."""
        if len(self.store.chain_heads(incident_id)) < 2:
            return []
        from app.domain.conflicts import conflicts

        return conflicts(self.entries(incident_id))

    def resolve_conflict(
        self, incident_id: str, target: str, chosen: str, reason: str, actor: str
    ) -> LogEntry:
        """Settle the open conflict on ``target`` (a decision's or step's id) with ``chosen``:
        one of the answers (or outcomes, ``done`` / ``skipped``) the laptops gave."""
        reason = _text(reason, "理由", "the reason")

        from app.domain.conflicts import conflicts, value_of

        def build(act: Act) -> list[EntryDraft]:
            open_ = [c for c in conflicts(self.entries(act.id)) if c.target == target]
            if not open_:
                raise SonaeError(
                    msg(
                        "{t} に食い違いはありません",
                        "there is no conflict on {t}",
                        t=target,
                    )
                )
            conflict = open_[0]
            values = sorted({value_of(e) for e in conflict.entries})
            if chosen not in values:
                raise SonaeError(
                    msg(
                        "{c} は選べません。選べるのは {v} です",
                        "{c} cannot be chosen; choose one of {v}",
                        c=chosen,
                        v=", ".join(values),
                    )
                )
            payload = k.ConflictResolved(
                subject=conflict.subject,
                target=target,
                chosen=chosen,
                over=tuple(e.uuid for e in conflict.entries),
                reason=reason,
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "resolve", actor, build)[0]
