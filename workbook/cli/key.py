"""Commands for your private-note key: new, status, export, import, rotate."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from ..core.labels import plural
from .base import DbOption, app, open_store

key_app = typer.Typer(help="Your private-note key: it seals your private notes; it is never stored in the workbook.",
                      no_args_is_help=True, rich_markup_mode=None)
app.add_typer(key_app, name="key")

PassphraseOption = Annotated[bool, typer.Option(
    "--passphrase", help="Derive the key from a passphrase (scrypt) instead of keeping it in a key file; asked on "
                         "the terminal (or WORKBOOK_PASSPHRASE). Nothing can recover a forgotten passphrase.")]


def ask_new_passphrase() -> str:
    """A new passphrase, typed twice on a terminal (or WORKBOOK_PASSPHRASE)."""
    from ..core.errors import InputError

    env = os.environ.get("WORKBOOK_PASSPHRASE")
    if env:
        return env
    if not os.isatty(0):
        raise InputError("--passphrase needs a terminal to ask on (or WORKBOOK_PASSPHRASE set)")
    import getpass

    first = getpass.getpass("New passphrase for your private notes: ")
    if first != getpass.getpass("Type it again: "):
        raise InputError("the two passphrases differ; nothing was changed, run the command again")
    return first


def warn_lost_key(exported: Path | None = None) -> None:
    """The lost-key warning; after an export, about the file just written (not "export it")."""
    from ..store.keys import LOST_KEY_WARNING

    text = LOST_KEY_WARNING if exported is None else (
        f"A lost key means lost private notes: keep {exported} somewhere safe, away from the workbook and its backups; "
        "nobody, not even the workbook's administrator, can read them without it.")
    typer.echo(f"warning: {text}", err=True)


def create_own_key(store, *, passphrase: bool, lost: bool = False) -> str:  # type: ignore[no-untyped-def]
    """Make the user's key (when they have none) and seal their clear private notes in ``store``; returns a
    line saying what happened. Refuses (KeyProblem) while their notes are sealed with a key they do not hold,
    unless ``lost``: that key is gone for good and those notes stay unreadable."""
    from ..store.keys import KeyProblem
    from ..store.sealing import missing_key_line

    ring = store.keyring
    user = store.key_user()
    current = ring.current_id(user)
    if current is not None:
        return f"your private-note key {current} is in {ring.folder}"
    missing = store.missing_key_ids()
    if missing and not lost:
        raise KeyProblem(missing_key_line(missing, ring.folder) + "; a new key cannot open them (lost for good? "
                         "`workbook key new --lost`)")
    key = ring.create(user, passphrase=ask_new_passphrase() if passphrase else None)
    sealed = store.seal_existing()
    from ..store.keys import LOST_KEY_WARNING

    how = "derived from your passphrase" if passphrase else f"kept in {ring.folder / (key.id + '.key')} (0600)"
    return f"new private-note key {key.id}, {how}; {plural(sealed, 'private note')} sealed with it\n{LOST_KEY_WARNING}"


def give_user_key(user, folder: Path | None, *, secret: str | None,  # type: ignore[no-untyped-def]
                  handover: Path | None = None) -> str:
    """A new organisation user's private-note key, made in ``folder`` (default: your keys folder), or, with
    ``handover``, written to that file (0600, as `workbook key export` writes it) for the user to take with
    `workbook key import` and kept nowhere else: whoever holds the key reads that user's private notes. Derived
    from the passphrase ``secret`` when given (asked before the user was made). Their private notes already in
    the workbook are then sealed with it by opening the workbook as them (the first open with a key). Returns
    the lines saying what happened."""
    import tempfile

    from ..core.fileio import write_text_atomic
    from ..store import Keyring, Store
    from ..store.backend import parse_url
    from ..store.keys import LOST_KEY_WARNING, keys_export_json

    url = parse_url(user.url).set(password=user.password).render_as_string(hide_password=False)
    if handover is not None:
        with tempfile.TemporaryDirectory(prefix="workbook-handover-") as scratch:
            ring = Keyring(Path(scratch) / "keys", search=[])
            key = ring.create(user.name, passphrase=secret)
            with Store(url, keyring=ring) as as_user:
                sealed = as_user.sealed_on_open
            payload = keys_export_json(ring, user.name, key.id)
            write_text_atomic(handover, json.dumps(payload, indent=1) + "\n", private=True)
            os.chmod(handover, 0o600)
        return (f"private-note key {key.id} for {user.name} written to {handover} (0600) and kept nowhere else; "
                f"{sealed} of their private notes sealed with it. Hand the file to {user.name}, who takes it with "
                f"`workbook key import {handover.name}`, then delete it: whoever holds it reads their private notes.")
    ring = Keyring(folder) if folder is not None else Keyring()
    key = ring.current(user.name) or ring.create(user.name, passphrase=secret)
    with Store(url, keyring=ring) as as_user:
        sealed = as_user.sealed_on_open
    held = "" if folder is not None else (
        f"\nnote: the key is in your own keys folder, so you can read {user.name}'s private notes; in an "
        "organisation give --key-out FILE to hand it over (or --keys THEIR_FOLDER), so that only they hold it.")
    return (f"private-note key {key.id} for {user.name} in {ring.folder} (0600); {sealed} of their private notes "
            f"sealed with it. {LOST_KEY_WARNING}{held}")


@key_app.command("new")
def key_new(passphrase: PassphraseOption = False,
            lost: Annotated[bool, typer.Option("--lost", help="Your notes are sealed with a key that is lost for good: "
                                                             "make a new one anyway (those notes stay unreadable).")] = False,
            db: DbOption = None) -> None:
    """Create your private-note key (a key file, or --passphrase) and seal your private notes with it."""
    with open_store(db, write=True) as store:
        typer.echo(create_own_key(store, passphrase=passphrase, lost=lost))


@key_app.command("status")
def key_status(db: DbOption = None) -> None:
    """Which key seals your private notes, where it is kept, and how many notes are sealed or still clear."""
    from ..store.sealing import is_sealed, missing_key_line, sealed_key_id

    with open_store(db, readonly=True) as store:
        ring = store.keyring
        ring.tighten()
        kid = store._write_key_id()
        missing = store.missing_key_ids()
        with store._read() as conn:
            rows = store._own_private_notes(conn)
    sealed = sum(1 for r in rows if is_sealed(r["text"]))
    clear = sum(1 for r in rows if r["text"] and not is_sealed(r["text"]))
    if kid is None and missing:
        typer.echo(f"{plural(sealed, 'private note')} sealed, {clear} in clear; " + missing_key_line(missing, ring.folder))
        return
    if kid is None:
        typer.echo(f"no private-note key yet; create it with `workbook key new` ({plural(clear, 'private note')} in clear)")
        return
    held = "held" if ring.has_key(kid) else "NOT here: import it with `workbook key import FILE`"
    unreadable = sum(1 for r in rows if is_sealed(r["text"]) and sealed_key_id(r["text"]) in missing)
    lost = (f"; {unreadable} of them with {'key ' + missing[0] if len(missing) == 1 else 'keys ' + ', '.join(missing)} "
            "you do not hold (import it with `workbook key import FILE`, or they stay unreadable)") if unreadable else ""
    typer.echo(f"key {kid} ({held}) in {ring.folder}; in {store.location}: {plural(sealed, 'private note')} sealed, "
               f"{clear} in clear{lost}")


@key_app.command("export")
def key_export(dest: Annotated[Path, typer.Argument(help="File to write your key to (0600); keep it somewhere safe.")],
               force: Annotated[bool, typer.Option("--force", help="Replace DEST if it exists.")] = False,
               db: DbOption = None) -> None:
    """Write your private-note keys (the current one and those rotated out, for older backups) to a file, to
    move them to another computer or keep a copy. Anyone holding the file reads your private notes."""
    from ..core.fileio import check_new_file, write_text_atomic
    from ..store.keys import KeyProblem, keys_export_json

    with open_store(db, readonly=True) as store:
        ring = store.keyring
        user = store.key_user()
        current = store._write_key_id()
    if current is None:
        raise KeyProblem("you have no private-note key yet; create it with `workbook key new`")
    check_new_file(dest, force=force, example="workbook.key")
    payload = keys_export_json(ring, user, current)
    write_text_atomic(dest, json.dumps(payload, indent=1) + "\n", private=True)
    os.chmod(dest, 0o600)
    warn_lost_key(dest)
    typer.echo(f"wrote {plural(len(payload['keys']), 'key')} to {dest} (0600): anyone with this file can read your private notes")


@key_app.command("import")
def key_import(src: Annotated[Path, typer.Argument(help="A file `workbook key export` wrote.")],
               db: DbOption = None) -> None:
    """Take your keys from a file `workbook key export` wrote (another computer, a safe copy). A key that is
    not the one your private notes in this workbook are sealed with is refused."""
    from ..store.keys import KeyProblem, parse_key_json

    try:
        payload = json.loads(src.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise KeyProblem(f"{src} cannot be read as a key file ({getattr(exc, 'strerror', None) or exc}); give the file "
                         "`workbook key export` wrote") from None
    if not isinstance(payload, dict) or payload.get("workbook_keys") != 1 or not isinstance(payload.get("keys"), list):
        raise KeyProblem(f"{src} is not a file `workbook key export` wrote")
    if not payload["keys"]:
        raise KeyProblem(f"{src} holds no key")
    with open_store(db, readonly=True) as store:
        ring = store.keyring
        user = store.key_user()
        used = store.key_ids_in_use()
        location = store.location
    entries = [parse_key_json(e, f"{src} (key {n})") for n, e in enumerate(payload["keys"], 1)]
    ids = {str(e["id"]) for e in entries}
    if used and not (used & ids):
        raise KeyProblem(f"wrong key: {src} holds {'key' if len(ids) == 1 else 'keys'} {', '.join(sorted(ids))} but "
                         f"your private notes in {location} are sealed with {', '.join(sorted(used))}; nothing was imported")
    fresh = sum(1 for data in entries if not ring.has_key(str(data["id"])))
    for data in entries:
        ring.store_json(data, str(src))
    current = str(payload.get("current") or entries[0]["id"])
    if current not in ids:
        current = str(entries[0]["id"])
    if ring.current_id(user) is None or current in used:
        ring.set_current(user, current)
    had = len(entries) - fresh
    typer.echo(f"imported {plural(fresh, 'new key')}" + (f" ({had} already here)" if had else "")
               + f" into {ring.folder}; your current key: {ring.current_id(user)}")


@key_app.command("rotate")
def key_rotate(passphrase: PassphraseOption = False, db: DbOption = None) -> None:
    """Seal all your private notes in this workbook (and, on SQLite, their words in the change log) again with a
    new key, in one transaction (all or none).
    The old key is kept for backups made before today; export the new one (`workbook key export`)."""
    from ..store.keys import key_from_passphrase, new_key

    with open_store(db, write=True) as store:
        ring = store.keyring
        if passphrase:
            key, data = key_from_passphrase(ask_new_passphrase())
            ring.store(key, data, user=store.key_user())
        else:
            key = new_key()
            ring.store(key, user=store.key_user())
        result = store.rotate_key(key)
    warn_lost_key()
    logged = f", and {result.logged} change-log entr{'y' if result.logged == 1 else 'ies'} with their words" \
        if result.logged else ""
    typer.echo(f"rotated: {plural(result.notes, 'private note')}{logged} now sealed with key {result.new}"
               + (f" (was {result.old}; kept in {ring.folder} for older backups)" if result.old else ""))
    if result.kept:
        one_key = len(result.kept_keys) == 1
        typer.echo(f"kept: {plural(result.kept, 'private note')} about people you no longer manage "
                   f"{'stays' if result.kept == 1 else 'stay'} under {'key' if one_key else 'keys'} "
                   f"{', '.join(sorted(result.kept_keys))}: the database lets you read "
                   f"{'it, not change it' if result.kept == 1 else 'them, not change them'}; keep "
                   + ("that key (`workbook key export` writes it too)" if one_key
                      else "those keys (`workbook key export` writes them too)"))
