"""The login of the machine account Sonae runs under: kept with every entry beside the name the
responder typed (which anyone can type), so an auditor can tell who was at the keyboard."""

from __future__ import annotations

import functools
import getpass


@functools.cache
def machine_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry, as in some containers
        return ""
