"""Where things are: bundled files (checkout, pip install or PyInstaller) and the user's data.

Bundled files sit inside the package as ``app/_bundled`` when installed or frozen; in a checkout
they are the top-level ``playbooks/`` and ``resources/`` folders. Resolving that here keeps every
other module free of path guessing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.errors import SonaeError
from app.i18n import msg

APP_NAME = "Sonae"
DATA_DIR_ENV = "SONAE_DATA_DIR"


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    installed = package / "_bundled"
    if installed.is_dir():
        return installed
    return package.parent  # a checkout


def playbooks_dir() -> Path:
    return _bundle_root() / "playbooks"


def resources_dir() -> Path:
    return _bundle_root() / "resources"


FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def bundled_fonts() -> list[Path]:
    """Font files shipped with this copy (``resources/fonts/``: a font the city supplies and is
    licensed to redistribute, put there by ``make package FONT=…``), in name order. Records and
    the window use them before the system's."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.is_file())


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, then SONAE_DATA_DIR, then the platform's default."""
    if override is not None and not str(override).strip():
        # An empty --data-dir (an unset shell variable) must not quietly mean the default.
        raise SonaeError(
            msg(
                "--data-dir が空です。フォルダを指定してください",
                "--data-dir is empty; name a folder",
            )
        )
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only when no override: keeps tests and start-up lean

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


# Every file and folder Sonae keeps in a data folder: one list, so that no output a user names
# (a report, a CSV, later a bundle or a backup) can ever be written over one of them.
DATABASE = "sonae.db"
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
SEEN_FILE = "sonae-seen.json"  # what this folder last saw of each chain (loss detection)
LOCK_FILE = "sonae.lock"
DEVICE_FILE = "device.json"
SIGNING_KEY_FILE = "signing-key.json"  # this laptop's Ed25519 key (services.signing)
CONTACTS_FILE = "contacts.yaml"
SETTINGS_FILE = "ui-settings.json"
ORGANISATION_FILE = "organisation.json"  # who issues the records: 団体名, 部署, 連絡先
PLAYBOOKS_FOLDER = "playbooks"
DRAFTS_FOLDER = "drafts"  # what was typed and not recorded yet, outside the log (services.drafts)
EVIDENCE_FOLDER = "evidence"  # attached files, each named by its sha256 (store.evidence)
BACKUPS_FOLDER = "backups"  # copies of the database, in rotation (store.backup)
KEPT_NAMES = (
    DATABASE,
    *(DATABASE + suffix for suffix in SQLITE_COMPANIONS),
    SEEN_FILE,
    LOCK_FILE,
    DEVICE_FILE,
    SIGNING_KEY_FILE,
    CONTACTS_FILE,
    SETTINGS_FILE,
    ORGANISATION_FILE,
)
KEPT_FOLDERS = (PLAYBOOKS_FOLDER, DRAFTS_FOLDER, EVIDENCE_FOLDER, BACKUPS_FOLDER)


def database_path(root: Path) -> Path:
    return root / DATABASE


def contacts_path(root: Path) -> Path:
    return root / CONTACTS_FILE


def user_playbooks_dir(root: Path) -> Path:
    return root / PLAYBOOKS_FOLDER


def writable(root: Path) -> bool:
    """Whether Sonae can write in the data folder: the folder (or, before it exists, the nearest
    folder above it) and the database file, if there is one. ``os.access`` also answers for a
    read-only mount (EROFS), for the administrator too."""
    folder = root
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return False
    database = database_path(root)
    return not database.exists() or os.access(database, os.W_OK)
