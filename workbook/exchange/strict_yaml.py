"""A strict YAML reader for import files: one entry at a time, no duplicates, aliases or tags, size caps.

PyYAML's safe loader lets a duplicate key or a second ``notes:`` section silently win, expands aliases
(an 810-byte alias bomb became a 613 MB error message), builds objects for explicit tags
(``!!timestamp 2027-02-30`` is a raw traceback) and reads any integer (a 5,000-digit one is another).
This reader walks the parser's events itself (libyaml's C parser when PyYAML has it) and builds plain
Python values, refusing each of those with a one-line InputError naming the file and line. It yields
``(section, index, entry, line)`` for one entry at a time, so an import holds one entry in memory, not
the whole file twice over.

Caps (documented in the README's import section): a file of at most MAX_FILE_BYTES, a value of at most
MAX_VALUE_CHARS characters, integers of at most MAX_INT_DIGITS digits, nesting at most MAX_DEPTH deep.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from ..core.errors import InputError
from ..core.model import MAX_TEXT

__all__ = ["MAX_FILE_BYTES", "MAX_VALUE_CHARS", "MAX_INT_DIGITS", "MAX_DEPTH", "MAX_KEY_CHARS", "read_entries",
           "load_sections", "open_import_file"]

MAX_FILE_BYTES = 64 * 2**20  # 64 MiB: a year of the practice for 2,500 people
MAX_VALUE_CHARS = MAX_TEXT  # the longest text field the model accepts
MAX_INT_DIGITS = 18
MAX_DEPTH = 12  # the format nests at most 6 deep (okrs > objectives > key_results > support)
MAX_KEY_CHARS = 100  # keys are field names like 'text'

# Plain scalars are read as YAML 1.1 does for null and booleans; integers and floats only in plain
# decimal (so ``1:1`` stays text, not the base-60 number 61); everything else, dates included, is
# text that the model checks with its field name.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"yes": True, "Yes": True, "YES": True, "true": True, "True": True, "TRUE": True, "on": True, "On": True,
         "ON": True, "no": False, "No": False, "NO": False, "false": False, "False": False, "FALSE": False,
         "off": False, "Off": False, "OFF": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)", re.ASCII)
_FLOAT = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?", re.ASCII)


class _Capped:
    """A binary stream that refuses to give more than ``limit`` bytes (a file growing while read)."""

    def __init__(self, handle: IO[bytes], limit: int, source: str) -> None:
        self._handle, self._left, self._source = handle, limit, source

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size if size >= 0 else self._left + 1)
        self._left -= len(data)
        if self._left < 0:
            raise InputError(f"the file is over {MAX_FILE_BYTES // 2**20} MiB; split it into smaller files",
                             self._source)
        return data


def _parser(stream: Any) -> Any:
    """libyaml's event parser when PyYAML was built with it (10x faster), else PyYAML's own."""
    if getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser

        return CParser(stream)
    return yaml.SafeLoader(stream)


def _line(event: Event) -> str:
    mark = getattr(event, "start_mark", None)
    return f"line {mark.line + 1}" if mark is not None else ""


class _Reader:
    def __init__(self, parser: Any, source: str) -> None:
        self.parser = parser
        self.source = source

    def fail(self, message: str, event: Event | None = None) -> InputError:
        return InputError(message, self.source, _line(event) if event is not None else None)

    def next(self) -> Event:
        try:
            return self.parser.get_event()
        except yaml.YAMLError as exc:
            raise self._yaml_error(exc) from None

    def peek(self) -> Event:
        try:
            return self.parser.peek_event()
        except yaml.YAMLError as exc:
            raise self._yaml_error(exc) from None

    def _yaml_error(self, exc: yaml.YAMLError) -> InputError:
        if isinstance(exc, yaml.reader.ReaderError):
            return InputError("is not UTF-8 text (or holds control characters); save it as UTF-8 YAML", self.source)
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1} column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return InputError(f"malformed YAML ({problem}); fix the indentation or quoting there", self.source, where)

    def check_plain(self, event: Event) -> None:
        """Refuse what YAML can do beyond plain data: anchors, aliases and explicit tags."""
        if isinstance(event, AliasEvent):
            raise self.fail(f"an alias (*{getattr(event, 'anchor', '')}) is not allowed; write the value out in full",
                            event)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise self.fail(f"an anchor (&{anchor}) is not allowed; write each value out in full", event)
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise self.fail(f"a tag ({tag.replace('tag:yaml.org,2002:', '!!')}) is not allowed; remove it and "
                            "write the value as plain text", event)

    def scalar(self, event: ScalarEvent) -> Any:
        value = event.value
        if len(value) > MAX_VALUE_CHARS:
            raise self.fail(f"a value of {len(value):,} characters is over the limit of {MAX_VALUE_CHARS:,}; "
                            "shorten it (see the README's import caps)", event)
        if event.style:  # quoted, literal or folded: always text
            return value
        if _NULL.fullmatch(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.fullmatch(value):
            digits = value.lstrip("+-").replace("_", "")
            if len(digits) > MAX_INT_DIGITS:
                raise self.fail(f"a number of {len(digits)} digits is too large; numbers here are positions "
                                "and years", event)
            return int(value.replace("_", ""))
        if _FLOAT.fullmatch(value):
            if len(value) > 40:
                raise self.fail("a number this long is not accepted; write it shorter or quote it", event)
            return float(value.replace("_", ""))
        return value

    def value(self, depth: int) -> Any:
        event = self.next()
        self.check_plain(event)
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        if depth > MAX_DEPTH:
            raise self.fail(f"values are nested more than {MAX_DEPTH} deep; check the indentation", event)
        if isinstance(event, SequenceStartEvent):
            items = []
            while not isinstance(self.peek(), SequenceEndEvent):
                items.append(self.value(depth + 1))
            self.next()
            return items
        if isinstance(event, MappingStartEvent):
            return self.mapping(depth)
        raise self.fail(f"unexpected YAML ({type(event).__name__})", event)  # pragma: no cover

    def key(self) -> tuple[str, Event]:
        event = self.next()
        self.check_plain(event)
        if not isinstance(event, ScalarEvent):
            raise self.fail("a key must be a plain word (like 'text:'), not a list or a mapping", event)
        if len(event.value) > MAX_KEY_CHARS:
            raise self.fail(f"a key is over {MAX_KEY_CHARS} characters; keys are field names like 'text'", event)
        return event.value, event

    def mapping(self, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        events: dict[str, Event] = {}
        while not isinstance(self.peek(), MappingEndEvent):
            key, event = self.key()
            if key in out:
                raise self.fail(f"duplicate key '{key}' (also on {_line(events[key])}); give each field once per "
                                "entry", event)
            events[key] = event
            out[key] = self.value(depth + 1)
        self.next()
        return out


def open_import_file(path: Path) -> IO[bytes]:
    """Open an import file for reading: a regular file (never a device or a pipe, which could hang) of at
    most MAX_FILE_BYTES; raises InputError naming the file otherwise."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("file not found; check the path", source) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check the path and its permissions", source) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a YAML file", source)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a device, a pipe or a socket); give a YAML file", source)
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(f"the file is {info.st_size / 2**20:.0f} MiB, over the limit of {MAX_FILE_BYTES // 2**20} MiB; "
                         "split it into smaller files", source)
    try:
        # O_NONBLOCK: if the path was swapped for a pipe after the check, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check the path and its permissions", source) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("is not a regular file (a device, a pipe or a socket); give a YAML file", source)
    return os.fdopen(fd, "rb")


def read_entries(path: str | os.PathLike[str], sections: Iterable[str]) -> Iterator[tuple[str, int, Any, str]]:
    """Yield ``(section, index, entry, line)`` for every entry of every section of a YAML import file, in
    file order, one entry built at a time. ``sections`` are the names allowed at the top level.

    Raises InputError (naming the file and the line) for a missing, empty, oversized, non-UTF-8 or
    malformed file, an unknown or repeated section, a section that is not a list, a duplicate key, an
    alias, an anchor, a tag, an oversized value or number, or more than one document.
    """
    path = Path(path)
    source = str(path)
    known = tuple(sections)
    with open_import_file(path) as handle:
        reader = _Reader(_parser(_Capped(handle, MAX_FILE_BYTES, source)), source)
        yield from _walk(reader, known)


def _walk(reader: _Reader, known: tuple[str, ...]) -> Iterator[tuple[str, int, Any, str]]:
    source = reader.source
    needs = "it needs at least one of: " + ", ".join(known)
    event = reader.next()
    assert isinstance(event, StreamStartEvent)
    if isinstance(reader.peek(), StreamEndEvent):
        raise InputError(f"the file is empty; {needs}", source)
    reader.next()  # DocumentStartEvent
    top = reader.next()
    reader.check_plain(top)
    if isinstance(top, ScalarEvent) and reader.scalar(top) is None:
        raise InputError(f"the file has no data; {needs}", source)
    if not isinstance(top, MappingStartEvent):
        csv = str(source).lower().endswith((".csv", ".tsv", ".xlsx"))  # a spreadsheet is not an import format
        raise InputError("a spreadsheet is not an import file; write the records as YAML (see the README's import "
                         "format) or import a `workbook export` JSON" if csv else
                         "the top level must be a mapping with sections such as 'people:' and 'notes:'", source)
    seen: dict[str, str] = {}
    while not isinstance(reader.peek(), MappingEndEvent):
        section, key_event = reader.key()
        if section not in known:
            raise reader.fail(f"unknown section {section[:60]!r}; known sections: {', '.join(known)}", key_event)
        if section in seen:
            raise reader.fail(f"a second '{section}:' section (the first is on {seen[section]}); put all its "
                              "entries in one list", key_event)
        seen[section] = _line(key_event)
        start = reader.next()
        reader.check_plain(start)
        if isinstance(start, ScalarEvent) and reader.scalar(start) is None:
            continue  # an empty section
        if not isinstance(start, SequenceStartEvent):
            raise reader.fail(f"section '{section}' must be a list of entries (each line starting with '- ')", start)
        index = 0
        while not isinstance(reader.peek(), SequenceEndEvent):
            line = _line(reader.peek())
            yield section, index, reader.value(2), line
            index += 1
        reader.next()
    reader.next()  # MappingEndEvent
    end = reader.next()
    assert isinstance(end, DocumentEndEvent)
    if isinstance(reader.peek(), DocumentStartEvent):
        raise reader.fail("the file holds more than one YAML document ('---'); keep one", reader.peek())


def load_sections(path: str | os.PathLike[str], sections: Iterable[str]) -> dict[str, list[Any]]:
    """The whole file as ``{section: [entries]}`` (every known section present, empty when absent);
    raises InputError as :func:`read_entries` does."""
    known = tuple(sections)
    out: dict[str, list[Any]] = {name: [] for name in known}
    for section, _index, entry, _line_text in read_entries(path, known):
        out[section].append(entry)
    return out
