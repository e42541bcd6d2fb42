"""Use cases. The only code that writes the log; the CLI and the UI both call it."""
