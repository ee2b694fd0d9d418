"""Pydantic's validation errors in a user's words: which field, what was wrong with it and what it accepts, on one line."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

__all__ = ["validation_problem", "error_problem"]


def _article(noun: str) -> str:
    if noun == "text":  # no "a text"
        return "the text"
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _choices(expected: str) -> str:
    """Pydantic's "'status' or 'unblock'" as "status or unblock"."""
    return re.sub(r"'([^']*)'", r"\1", expected)


def _given(value: Any, limit: int = 40) -> str:
    """A value a user gave, quoted and cut short for a one-line message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def error_problem(err: Any) -> tuple[str, str]:
    """One of pydantic's error dicts (``exc.errors()``) as ``(field, message)``: the field's dotted location
    ("" for the whole record) and a one-line message that says what is accepted, e.g. ``("mode", "'bad' is not a
    mode; use status or unblock")`` or ``("name", "give a name (it cannot be empty)")``."""
    loc = ".".join(str(p) for p in err["loc"])
    names = [str(p) for p in err["loc"] if not isinstance(p, int)]
    noun = names[-1].replace("_", " ") if names else "value"
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    msg = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.startswith("date"):
        msg = f"{given!r} is not a date; write it as YYYY-MM-DD"
    elif kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        msg = f"give {_article(noun)} (it cannot be empty)"
    elif kind == "string_too_short":
        msg = f"give at least {ctx.get('min_length')} characters"
    elif kind in ("string_too_long", "too_long"):
        size = len(given) if hasattr(given, "__len__") else "?"
        msg = f"is {size} characters long, over the limit of {ctx.get('max_length')}; shorten it"
    elif kind in ("literal_error", "enum") and "expected" in ctx:
        msg = f"{given!r} is not {_article(noun)}; use {_choices(str(ctx['expected']))}"
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        msg = f"{given!r} is not a whole number; give one like 3"
    elif kind in ("float_parsing", "float_type"):
        msg = f"{given!r} is not a number; give one like 0.5"
    elif kind in ("bool_parsing", "bool_type"):
        msg = f"{given!r} is not yes or no; give true or false"
    elif kind in ("greater_than_equal", "greater_than"):
        msg = f"{given!r} is too small; give {'at least ' if kind.endswith('equal') else 'more than '}{ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("dict_type", "model_type", "model_attributes_type", "dataclass_type"):
        msg = f"{_given(given)} is not a set of fields; write it as a mapping like {{key: value, ...}}"
    elif kind in ("list_type", "tuple_type", "set_type"):
        msg = f"{_given(given)} is not a list; write it as a list (each entry on a line starting with '- ')"
    elif kind == "string_type":
        msg = f"{_given(given)} is not text; write it as words (quote it if it reads as a number, list or date)"
    elif kind in ("less_than_equal", "less_than"):
        msg = f"{given!r} is too large; give {'at most ' if kind.endswith('equal') else 'less than '}{ctx.get('le', ctx.get('lt'))}"
    return loc, msg


def validation_problem(exc: ValidationError) -> tuple[str, str]:
    """The first error of ``exc`` as :func:`error_problem` says it: ``(field, message)``."""
    return error_problem(exc.errors()[0])
