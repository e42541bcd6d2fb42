"""Sonae (備え): guided, offline incident response with a tamper-evident log."""

__version__ = "0.2.0"
