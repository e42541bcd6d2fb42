"""The login of the machine account Sonae runs under: kept with every entry beside the name the
responder typed (which anyone can type), so an auditor can tell who was at the keyboard."""

from __future__ import annotations

import functools
import os


@functools.cache
def machine_login() -> str:
    # getpass.getuser()'s own order, read here first: importing getpass (and termios with it)
    # would cost every recording command and the window's start-up a few milliseconds.
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        value = os.environ.get(name)
        if value:
            return value
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry, as in some containers
        return ""
