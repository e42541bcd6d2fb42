"""The desktop app (PySide6). It calls the services and never touches SQL; see ``app.ui.app``."""
