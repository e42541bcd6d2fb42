"""The store: the SQLite log (schema, migrations, append, hash chain, verify)."""
