"""The private-note keys: one per user, kept in a 0600 file in their own config folder, never in the database.

A key is 32 random bytes (AES-256-GCM), or derived from a passphrase with scrypt (the file then keeps only
the salt and the cost). Each key has an id computed from the key itself (an HMAC, so the id reveals nothing
and a key that does not match its id is refused); every ciphertext names the id of the key that sealed it.

Layout of a keys folder (``<config>/workbook/keys/``, 0700; ``WORKBOOK_KEYS`` names another one):

* ``<id>.key``: one key, JSON, 0600; kept after a rotation so that older backups stay readable;
* ``<user>.current``: the id of the key that user seals new private notes with (``owner`` for the single
  user of SQLite workbooks, else the organisation user's name).

The demo owns a folder of its own (``<data>/workbook/demo-keys/``), searched after the user's when a
ciphertext names a key the user does not hold: the demo's key never mixes with a manager's.
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import hashlib
import hmac
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..core.errors import WorkbookError
from ..core.fileio import ensure_private_parents, file_in_the_way, write_text_atomic

__all__ = ["KeyProblem", "NoteKey", "Keyring", "KeyFile", "read_key_file", "refuse_wrong_key", "on_key_exposed", "keys_folder", "demo_keys_folder", "keys_export_json", "new_key", "key_from_passphrase",
           "LOST_KEY_WARNING", "OWNER_LABEL", "NO_KEYS_ENV", "keys_withheld"]

KEY_BYTES = 32
# scrypt: 32 MiB and about 0.1 s per derivation here (RFC 7914's interactive cost, doubled)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
OWNER_LABEL = "owner"
LOST_KEY_WARNING = ("A lost key means lost private notes: nobody, not even the workbook's administrator, can read "
                    "them without it. Keep a copy somewhere safe (`workbook key export FILE`).")
Kind = Literal["file", "passphrase"]
# Set in the environment of every kernel a batch starts (stage runs, summaries): a batch never holds a key,
# so its outputs hold private notes only as "[private note: key not available]" (issue 16)
NO_KEYS_ENV = "WORKBOOK_NO_KEYS"
WITHHELD = ("private notes stay sealed in batch runs (a batch is never given a key); open the notebook in "
            "JupyterLab (`workbook lab`) to read them")


def keys_withheld() -> bool:
    """Whether this process runs without keys (a batch's kernel)."""
    return os.environ.get(NO_KEYS_ENV, "").strip() == "1"


class KeyProblem(WorkbookError):
    """A private-note key is missing, wrong or damaged, or a ciphertext failed its integrity check."""


def keys_folder() -> Path:
    """The user's keys folder: ``WORKBOOK_KEYS``, else ``keys/`` in the user's config folder
    (``platformdirs``: ``~/.config/workbook/keys`` on Linux, honouring ``XDG_CONFIG_HOME``)."""
    env = os.environ.get("WORKBOOK_KEYS", "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_path("workbook")) / "keys"


def demo_keys_folder() -> Path:
    """The folder the demo keeps its own key in: ``WORKBOOK_DEMO_KEYS``, else ``demo-keys/`` in the user's data
    folder (never the repository, never the user's own keys)."""
    env = os.environ.get("WORKBOOK_DEMO_KEYS", "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_path("workbook")) / "demo-keys"


def key_id(key: bytes) -> str:
    """A key's public name: 16 hex digits of HMAC-SHA256(key, label). Reveals nothing about the key."""
    return hmac.new(key, b"workbook private-note key id", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class NoteKey:
    """One key: its id, its bytes, how it is kept (a key file or a passphrase) and when it was made."""

    id: str
    secret: bytes = field(repr=False)
    kind: Kind = "file"
    created: str = ""

    def __repr__(self) -> str:  # never print a key by accident
        return f"NoteKey(id={self.id!r}, kind={self.kind!r})"


def new_key() -> NoteKey:
    """A fresh random key."""
    secret = secrets.token_bytes(KEY_BYTES)
    return NoteKey(key_id(secret), secret, "file", _now())


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26 + 2**25,
                          dklen=KEY_BYTES)


def key_from_passphrase(passphrase: str, *, salt: bytes | None = None) -> tuple[NoteKey, dict[str, Any]]:
    """A key derived from ``passphrase`` with scrypt (a new salt unless given); returns the key and the
    JSON its file keeps (salt and cost, never the key). Raises KeyProblem for a passphrase under 8 characters."""
    if len(passphrase) < 8:
        raise KeyProblem("a passphrase needs at least 8 characters; choose a longer one")
    salt = salt or secrets.token_bytes(16)
    secret = _scrypt(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    key = NoteKey(key_id(secret), secret, "passphrase", _now())
    return key, {"id": key.id, "kind": "passphrase", "created": key.created, "kdf": "scrypt",
                 "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_json(key: NoteKey, extra: dict[str, Any] | None = None, user: str | None = None) -> dict[str, Any]:
    """What a key file holds: for a key-file key the key itself, for a passphrase key its salt and cost; with
    ``user``, whose key it is (so a forget can find the keys a rotation left behind)."""
    data = dict(extra) if extra is not None else {"id": key.id, "kind": "file", "created": key.created,
                                                  "key": _b64(key.secret)}
    if user:
        data["user"] = user
    return data


def _ask_passphrase(prompt: str) -> str | None:
    """``WORKBOOK_PASSPHRASE``, else a prompt on a terminal, else None (a notebook, a batch)."""
    env = os.environ.get("WORKBOOK_PASSPHRASE")
    if env:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


_exposed_notice: Callable[[str], None] | None = None


def on_key_exposed(notice: Callable[[str], None] | None) -> None:
    """Have ``notice`` told, in one line, when a key file (or the keys folder) turns out to have been open to
    others and is made the user's own: whatever command found it, the user hears it and can rotate the key.
    With no notice registered (a notebook), the line is a warning."""
    global _exposed_notice
    _exposed_notice = notice


def _exposed_line(folder: Path, paths: Iterable[Path]) -> str:
    """The one line that says which key files others could read, that they are now the user's alone, and the fix."""
    names = ", ".join("its folder" if Path(p) == folder else Path(p).name for p in paths)
    return (f"warning: others could read {names} in {folder.parent}; made them yours alone (0600, the folder 0700). "
            "If anyone may have copied a key, run `workbook key rotate`")


class Keyring:
    """The keys a process may use: the user's keys folder (and the demo's, searched by key id only).

    Keys are read lazily: a process that never opens a private note (a summary, a batch) never reads one.
    ``ask`` is how a passphrase is obtained (default: ``WORKBOOK_PASSPHRASE`` or a terminal prompt)."""

    def __init__(self, folder: Path | None = None, *, search: Iterable[Path] | None = None,
                 ask: Callable[[str], str | None] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else keys_folder()
        extra = list(search) if search is not None else [demo_keys_folder()]
        self.withheld = keys_withheld()
        self.search = [] if self.withheld else [self.folder, *[p for p in extra if Path(p) != self.folder]]
        self.ask = ask or _ask_passphrase
        self._cache: dict[str, NoteKey] = {}
        self.tightened: list[Path] = []  # key files (or the folder) others could read, made the user's own

    def tighten(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """Make the user's key files 0600 and their folder 0700 where others could read them (a copy made with
        a loose umask, a chmod by hand): a key is its author's alone. Only files the user owns, in the user's
        own folder, are changed. Returns (and remembers in ``tightened``) what was changed."""
        if self.withheld or not self.folder.is_dir():
            return []
        changed = []
        targets = [self.folder, *(paths if paths is not None else sorted(self.folder.glob("*.key")))]
        for path in targets:
            try:
                info = os.stat(path)
            except OSError:
                continue
            if info.st_uid != os.getuid() or not info.st_mode & 0o077 or Path(path).parent not in (
                    self.folder, self.folder.parent):
                continue
            try:
                os.chmod(path, 0o700 if Path(path) == self.folder else 0o600)
            except OSError:
                continue
            changed.append(Path(path))
        self.tightened += [p for p in changed if p not in self.tightened]
        if changed:
            line = _exposed_line(self.folder, changed)
            if _exposed_notice is not None:
                _exposed_notice(line)
            else:
                import warnings

                warnings.warn(line.removeprefix("warning: "), UserWarning, stacklevel=2)
        return changed

    # -- reading ---------------------------------------------------------------------------------------
    def current_id(self, user: str) -> str | None:
        """The id of the key ``user`` seals new notes with, or None when they have none (or hold no keys)."""
        if self.withheld:
            return None
        pointer = self.folder / f"{_safe(user)}.current"
        try:
            value = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:
            _refuse_a_file_in_the_way(pointer.parent)
            raise KeyProblem(f"{pointer} cannot be read ({exc.strerror or exc}); check its permissions") from None
        return value or None

    def has_key(self, key_id_: str) -> bool:
        """Whether a file for key ``key_id_`` is in one of the folders (without reading the key)."""
        return key_id_ in self._cache or self._find(key_id_) is not None

    def _find(self, key_id_: str) -> Path | None:
        if not _is_id(key_id_):
            return None
        for folder in self.search:
            path = folder / f"{key_id_}.key"
            if path.is_file():
                return path
        return None

    def key(self, key_id_: str) -> NoteKey:
        """The key with id ``key_id_`` (asking for its passphrase if it is one). Raises KeyProblem, one line
        with the fix, when it is not here, its file is damaged, or the passphrase is wrong or not given."""
        if key_id_ in self._cache:
            return self._cache[key_id_]
        path = self._find(key_id_)
        if path is None and self.withheld:
            raise KeyProblem(WITHHELD)
        if path is None:
            raise KeyProblem(f"private-note key {key_id_} is not in {self.folder}; import it with "
                             "`workbook key import FILE` (the file `workbook key export` wrote)")
        key = self._load(path, key_id_)
        self._cache[key_id_] = key
        return key

    def _load(self, path: Path, expected: str) -> NoteKey:
        if path.parent == self.folder:
            self.tighten([path])
        data = read_key_json(path)
        if data.get("id") != expected:
            raise KeyProblem(f"key file {path} is damaged (it names key {data.get('id')!r}); import the key again "
                             "with `workbook key import FILE`")
        if data.get("kind") == "passphrase":
            passphrase = self.ask(f"Passphrase for your private-note key {expected}: ")
            if not passphrase:
                raise KeyProblem(f"private-note key {expected} needs its passphrase: set WORKBOOK_PASSPHRASE or run "
                                 "the command on a terminal")
            try:
                salt = base64.b64decode(data["salt"], validate=True)
                secret = _scrypt(passphrase, salt, int(data["n"]), int(data["r"]), int(data["p"]))
            except (KeyError, ValueError, TypeError):
                raise KeyProblem(f"key file {path} is damaged; import the key again with `workbook key import FILE`") \
                    from None
            if key_id(secret) != expected:
                raise KeyProblem(f"wrong passphrase for private-note key {expected}; try again (it cannot be reset: "
                                 "a forgotten passphrase means the notes sealed with it are lost)")
            return NoteKey(expected, secret, "passphrase", str(data.get("created", "")))
        try:
            secret = base64.b64decode(data["key"], validate=True)
        except (KeyError, ValueError, TypeError):
            raise KeyProblem(f"key file {path} is damaged; import the key again with `workbook key import FILE`") \
                from None
        if len(secret) != KEY_BYTES or key_id(secret) != expected:
            raise KeyProblem(f"key file {path} is damaged (its key does not match its id {expected}); import the "
                             "key again with `workbook key import FILE`")
        return NoteKey(expected, secret, "file", str(data.get("created", "")))

    def current(self, user: str) -> NoteKey | None:
        """``user``'s current key, or None when they have none (raises KeyProblem when it cannot be opened)."""
        kid = self.current_id(user)
        return None if kid is None else self.key(kid)

    def key_ids(self) -> list[str]:
        """Every key id in the user's own folder."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.key") if _is_id(p.stem))

    # -- writing ---------------------------------------------------------------------------------------
    def store(self, key: NoteKey, data: dict[str, Any] | None = None, *, user: str | None = None) -> Path:
        """Keep ``key`` in the folder (a 0600 file ``<id>.key``; the folder 0700), noting ``user`` as its owner;
        returns the file."""
        path = self.folder / f"{key.id}.key"
        ensure_private_parents(path)
        os.chmod(self.folder, 0o700)
        write_text_atomic(path, json.dumps(key_file_json(key, data, user), indent=1) + "\n", private=True)
        self._cache[key.id] = key
        return path

    def set_current(self, user: str, key_id_: str) -> Path:
        """Make ``key_id_`` the key ``user`` seals new notes with."""
        path = self.folder / f"{_safe(user)}.current"
        ensure_private_parents(path)
        return write_text_atomic(path, key_id_ + "\n", private=True)

    def create(self, user: str, *, passphrase: str | None = None) -> NoteKey:
        """A new key for ``user`` (random, or derived from ``passphrase``), kept and made current."""
        if passphrase is not None:
            key, data = key_from_passphrase(passphrase)
            self.store(key, data, user=user)
        else:
            key = new_key()
            self.store(key, user=user)
        self.set_current(user, key.id)
        return key

    def store_json(self, data: dict[str, Any], source: str) -> str:
        """Keep a key given as its file's JSON (an import), checked first: a key file's key must match its
        id. Returns the key's id; KeyProblem (nothing written) for a bad entry."""
        checked = parse_key_json(data, source)
        path = self.folder / f"{checked['id']}.key"
        ensure_private_parents(path)
        os.chmod(self.folder, 0o700)
        write_text_atomic(path, json.dumps(checked, indent=1) + "\n", private=True)
        return str(checked["id"])

    def discard(self, key_id_: str) -> None:
        """Forget key ``key_id_`` and remove its file from the user's folder: only for a key nothing was sealed
        with (a rotation that rolled back)."""
        self._cache.pop(key_id_, None)
        if _is_id(key_id_):
            (self.folder / f"{key_id_}.key").unlink(missing_ok=True)

    def retire(self, user: str, used: Iterable[str] = ()) -> list[str]:
        """Take ``user``'s keys out of this folder for good (a forgotten person's user): their ``<user>.current``
        pointer and the files of the key it names, of the keys in ``used`` (those their sealed notes name) and of
        the keys whose file says they are ``user``'s (older keys a rotation kept), except a key another pointer here names (another user's, the owner's). All or nothing: each goes to a
        hidden name first and comes back when one cannot, then they are deleted. Returns the ids of the key
        files deleted; [] with no pointer and no such file (a missing folder). Raises KeyProblem, one line,
        when the folder cannot be changed (read-only) or read."""
        self._cache.clear()
        pointer = self.folder / f"{_safe(user)}.current"
        try:
            if not self.folder.is_dir():
                return []
            current = self.current_id(user) if pointer.is_file() else None
            theirs = [p.stem for p in self.folder.glob("*.key") if _is_id(p.stem) and _key_user(p) == user]
            others = {path.read_text(encoding="utf-8").strip() for path in self.folder.glob("*.current")
                      if path.name != pointer.name}
        except OSError as exc:
            _refuse_a_file_in_the_way(self.folder)
            raise KeyProblem(f"{self.folder} cannot be read ({exc.strerror or exc}); check its permissions") from None
        ids = sorted({k for k in [*([current] if current else []), *used, *theirs] if _is_id(k)} - others)
        targets = [p for p in [pointer, *(self.folder / f"{k}.key" for k in ids)] if p.is_file()]
        moved: list[tuple[Path, Path]] = []
        try:
            for path in targets:
                hidden = path.with_name(f".retiring-{os.getpid()}-{path.name}")
                os.replace(path, hidden)
                moved.append((path, hidden))
        except OSError as exc:
            for path, hidden in reversed(moved):
                try:
                    os.replace(hidden, path)
                except OSError:
                    pass
            raise KeyProblem(f"{self.folder} cannot be changed ({exc.strerror or exc}); delete {pointer.name} and "
                             f"{', '.join(k + '.key' for k in ids) or 'its key files'} there by hand") from None
        for _path, hidden in moved:
            hidden.unlink(missing_ok=True)
        return [p.stem for p, _ in moved if p.suffix == ".key"]

    def remember(self, key: NoteKey) -> None:
        """Hold ``key`` for this process only (a passphrase key just derived)."""
        self._cache[key.id] = key


def keys_export_json(ring: Keyring, user: str, current: str) -> dict[str, Any]:
    """What `workbook key export` writes for ``user``: their current key first, then every other key in ``ring``'s
    own folder (rotated out, for older backups). Raises KeyProblem when a key file cannot be read."""
    ids = [current] + [k for k in ring.key_ids() if k != current]
    keys = [read_key_json(path) for path in (ring._find(kid) for kid in ids) if path is not None]
    return {"workbook_keys": 1, "user": user, "current": current, "keys": keys}


@dataclass(frozen=True)
class KeyFile:
    """The checked keys of one file given on the command line: the ids, each key's JSON, the current key's id."""

    path: Path
    entries: tuple[dict[str, Any], ...]
    current: str

    @property
    def ids(self) -> set[str]:
        return {str(e["id"]) for e in self.entries}


def read_key_file(path: Path, user: str) -> KeyFile:
    """User ``user``'s keys in ``path``: a file `workbook key export` wrote, or one key file from a keys folder
    (``<id>.key``), each entry checked as an import checks it (a key file's key must match its id). Raises
    KeyProblem, one line naming the file and the fix, for a file that cannot be read, is not a key file, holds a
    damaged key, or whose keys say they are another user's. Writes nothing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise KeyProblem(f"key file {path} cannot be read ({getattr(exc, 'strerror', None) or exc}); give the file "
                         f"`workbook key export` wrote where {user} used the workbook, or their <id>.key") from None
    exported = isinstance(data, dict) and data.get("workbook_keys") == 1
    if exported and not (isinstance(data.get("keys"), list) and data["keys"]):
        raise KeyProblem(f"{path} holds no key; export {user}'s keys again with `workbook key export FILE`")
    raw = data["keys"] if exported else [data]
    entries = tuple(parse_key_json(e, f"{path} (key {n})" if exported else str(path)) for n, e in enumerate(raw, 1))
    owners = {str(e["user"]) for e in entries if e.get("user")} | (
        {str(data["user"])} if exported and isinstance(data.get("user"), str) and data["user"] else set())
    if owners - {user}:
        raise KeyProblem(f"{path} holds the private-note key of {', '.join(sorted(owners - {user}))}, not of {user}; "
                         f"give {user}'s own key file")
    ids = [str(e["id"]) for e in entries]
    current = str(data.get("current") or ids[0]) if exported else ids[0]
    return KeyFile(Path(path), entries, current if current in ids else ids[0])


def refuse_wrong_key(keys: KeyFile, used: set[str], user: str) -> None:
    """KeyProblem, one line, when ``keys`` hold none of the keys ``used`` (those ``user``'s sealed private
    notes name) while some are: the wrong key file. Any key is right for a user with no sealed note."""
    if used and not (used & keys.ids):
        raise KeyProblem(f"wrong key: {keys.path} holds {'key' if len(keys.ids) == 1 else 'keys'} "
                         f"{', '.join(sorted(keys.ids))} but {user}'s private notes are sealed with "
                         f"{', '.join(sorted(used))}; give the key file of theirs that holds it")


def _refuse_a_file_in_the_way(folder: Path) -> None:
    """KeyProblem, one line, when a file stands where key folder ``folder`` or one of its parents should be
    (WORKBOOK_KEYS naming a file, say): "cannot be read (Not a directory); check its permissions" sent the user to
    the wrong fix."""
    if (blocker := file_in_the_way(folder, itself=True)) is not None:
        raise KeyProblem(f"{folder}: {blocker} is a file where a folder of keys is needed; move it away or "
                         "choose another folder")


def read_key_json(path: Path) -> dict[str, Any]:
    """A key file's JSON; KeyProblem, one line, when it cannot be read or is not a key file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeyProblem(f"key file {path} cannot be read ({exc.strerror or exc}); check its permissions") from None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    return parse_key_json(data, str(path))


def parse_key_json(data: object, source: str) -> dict[str, Any]:
    """``data`` checked to be one key's JSON (an id, a kind, and the key or its passphrase's salt and cost)."""
    ok = isinstance(data, dict) and _is_id(str(data.get("id", ""))) and (
        (data.get("kind") == "file" and isinstance(data.get("key"), str))
        or (data.get("kind") == "passphrase" and isinstance(data.get("salt"), str)
            and all(isinstance(data.get(k), int) for k in ("n", "r", "p"))))
    if not ok:
        raise KeyProblem(f"{source} is not a workbook key file; give the file `workbook key export` wrote")
    assert isinstance(data, dict)
    try:
        raw = base64.b64decode(str(data.get("key") or data.get("salt")), validate=True)
    except ValueError:
        raise KeyProblem(f"{source} is damaged (not base64); export the key again") from None
    if data["kind"] == "file" and (len(raw) != KEY_BYTES or key_id(raw) != data["id"]):
        raise KeyProblem(f"{source}: key {data['id']} is damaged (its key does not match its id); export it again")
    kept = {k: data[k] for k in ("id", "kind", "created", "key", "kdf", "salt", "n", "r", "p") if k in data}
    if isinstance(data.get("user"), str) and data["user"]:
        kept["user"] = data["user"]
    return kept


def _key_user(path: Path) -> str | None:
    """Whose key the file at ``path`` says it is (None for a key written before files named their user, or a
    file that cannot be read: such a key is only retired when a pointer or a sealed note names it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    user = data.get("user") if isinstance(data, dict) else None
    return user if isinstance(user, str) else None


def _is_id(text: str) -> bool:
    return len(text) == 16 and all(c in "0123456789abcdef" for c in text)


def _safe(user: str) -> str:
    """A user name as a file name (names are slugs already; anything else is hex-escaped)."""
    return "".join(c if c.isalnum() or c in "-_." else f"%{ord(c):02x}" for c in user) or "_"
