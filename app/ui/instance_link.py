"""A second start on the same data folder brings the open window to the front.

The running window listens on a local socket (QLocalServer) named from its data folder; a second
``sonae gui`` that finds the folder locked connects, asks ``raise``, and on the answer ``ok`` stops
with one line. The data-folder lock stays the guard: this link only carries the request, and the
window that holds the lock is the only one that listens (so it may clear a socket left by a
crash). QtNetwork is imported here only, after the window has shown: start-up stays fast.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

REQUEST = b"raise\n"
ANSWER = b"ok\n"


def server_name(root: Path) -> str:
    """The socket's name: the same for every start on this data folder by this user."""
    try:
        folder = str(root.resolve())
    except OSError:
        folder = str(root.absolute())
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]
    return f"sonae-{digest}"


def listen(root: Path, bring_to_front: Callable[[], None], parent: QObject) -> QObject | None:
    """Answer ``raise`` from a second start by calling ``bring_to_front``. Call only while
    holding the data folder's lock. None if the socket cannot be made (the app works without)."""
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    name = server_name(root)
    server = QLocalServer(parent)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    QLocalServer.removeServer(name)  # left by a window that crashed: the lock says none runs
    if not server.listen(name):
        server.deleteLater()
        return None

    def connected() -> None:
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: answer(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                answer(socket)

    def answer(socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > 64:
                socket.abort()  # not one of ours
            return
        line = bytes(socket.readLine().data())
        if line == REQUEST:
            bring_to_front()
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()

    server.newConnection.connect(connected)
    return server


def ask_to_raise(root: Path, timeout_ms: int = 3000) -> bool:
    """True if a window running on ``root`` answered that it came to the front."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(server_name(root))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(REQUEST)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    got = b""
    while ANSWER not in got and socket.waitForReadyRead(timeout_ms):
        got += bytes(socket.readAll().data())
    socket.abort()
    return ANSWER in got
