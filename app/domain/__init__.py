"""The domain: playbooks, log entries, the state fold, deadlines and dates. No SQL, no Qt, no PDF."""
