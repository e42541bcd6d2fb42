"""The incident use cases as one object: the queries (incident_queries.py) and the commands
(incident_commands.py, and exercise_commands.py for exercises) over one read cache. The field rules are in fields.py and what an incident
allows now in rules.py."""

from __future__ import annotations

from app.services.conflict_commands import ConflictCommands
from app.services.exercise_commands import ExerciseCommands
from app.services.fields import check_time_range, checked_fields, checked_sizes, parse_at
from app.services.incident_queries import IncidentSummary, unreadable


class Incidents(ExerciseCommands, ConflictCommands):
    """Every read and every write of incidents (``ws.incidents``)."""


__all__ = [
    "IncidentSummary",
    "Incidents",
    "check_time_range",
    "checked_fields",
    "checked_sizes",
    "parse_at",
    "unreadable",
]
