"""Who issues the records: the 団体名, 部署 and 連絡先 printed as the 報告者 on the first page of
every record. Kept in the data folder (``organisation.json``), set once with ``sonae settings``;
小郡市 until someone says otherwise."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from app.errors import SonaeError
from app.files import read_regular
from app.i18n import msg
from app.paths import ORGANISATION_FILE
from app.services.outputs import replace_atomically
from app.store.log import read_only_refusal

MAX_VALUE = 200


@dataclass(frozen=True)
class Organisation:
    organisation: str = "小郡市"  # 団体名
    department: str = ""  # 部署 (e.g. 総務部 情報管理課)
    contact: str = ""  # 連絡先 (telephone, mail)


KEYS = tuple(f.name for f in fields(Organisation))


def load_organisation(root: Path) -> Organisation:
    """The folder's settings; the defaults for a missing file. A damaged file is said, never
    guessed at: the record must not print someone else's name."""
    try:
        raw = read_regular(root / ORGANISATION_FILE, 1 << 16)
    except FileNotFoundError:
        return Organisation()
    except OSError as exc:
        raise _damaged(exc) from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise _damaged(exc) from None
    if not isinstance(data, dict) or any(
        key not in KEYS or not isinstance(value, str) or len(value) > MAX_VALUE
        for key, value in data.items()
    ):
        raise _damaged(ValueError("unexpected keys or values"))
    return Organisation(**data)


def set_organisation(root: Path, key: str, value: str, read_only: bool = False) -> Organisation:
    """Set one setting. ``read_only`` (--read-only, or a folder that cannot be written): refused,
    and nothing in the folder is written."""
    if read_only:
        raise SonaeError(read_only_refusal(root))
    if key not in KEYS:
        raise SonaeError(
            msg(
                "設定 '{k}' はありません ({all})",
                "no setting '{k}' ({all})",
                k=key,
                all=", ".join(KEYS),
            )
        )
    value = value.strip()
    if len(value) > MAX_VALUE or "\n" in value:
        raise SonaeError(
            msg(
                "設定値は改行なしの {n} 文字以内にしてください",
                "a setting is one line of at most {n} characters",
                n=MAX_VALUE,
            )
        )
    if key == "organisation" and not value:
        raise SonaeError(msg("団体名は空にできません", "the organisation name cannot be empty"))
    try:
        current = load_organisation(root)
    except SonaeError:
        current = Organisation()  # a damaged file is what this command repairs
    current = replace(current, **{key: value})
    text = json.dumps(asdict(current), ensure_ascii=False, indent=1).encode("utf-8")
    replace_atomically(root / ORGANISATION_FILE, lambda out: out.write(text))
    return current


def _damaged(exc: Exception) -> SonaeError:
    return SonaeError(
        msg(
            "{f} を読めません ({e})。sonae settings で設定し直してください",
            "cannot read {f} ({e}); set it again with sonae settings",
            f=ORGANISATION_FILE,
            e=exc,
        )
    )
