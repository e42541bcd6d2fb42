"""Printed records (reportlab): the incident record, the after-action report, the paper checklist.

Modules here import reportlab at the top, so nothing outside a report-making call imports them:
start-up stays fast. They take plain data (folded state, entries, playbooks) and know no SQL or Qt.
"""
