"""The one exception type that carries a user-facing reason.

Every layer raises ``SonaeError`` for input it refuses; the CLI prints its message on one line and
exits 1, the UI shows it in a message bar. Anything else escaping is a bug.
"""

from app.i18n import Msg


class SonaeError(Exception):
    def __init__(self, message: Msg | str) -> None:
        self.msg = message if isinstance(message, Msg) else Msg(message, message)
        super().__init__(str(self.msg))

    def __str__(self) -> str:
        # Rendered when printed, so the language chosen later (--lang) still applies.
        return str(self.msg)
