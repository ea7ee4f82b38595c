"""Merge per field: what an editor's page may store over what is stored now.

Shared by the edit pages that many people (or one person in two tabs) can have open at
once: the wizard's answers and the evaluation plan. Every such page carries, next to its
inputs, the values it showed when it was loaded ("as loaded", a JSON object in a hidden
input). A save compares, per field (or per answer, indicator or moment), three values:
the page's own (mine), the page's as-loaded one (base) and the stored one (now), read
under a row lock. A field changed by this page only is stored, a field changed by
someone else only is kept, and a field both changed differently is a conflict: it is not
stored and the page shows the other's value next to the typed text. A second tab of the
same user is a second page with its own as-loaded values, so it is a second editor.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

# The as-loaded value of a field the page did not send (an old page, a damaged form):
# such a field is stored only if nothing changed since the page was loaded.
UNKNOWN = object()


def canonical(value):
    """A value in one comparable, JSON-serialisable form, whether it comes from the
    database or from a form's cleaned data (5000 and 5000.00 are the same budget, a
    browser's CRLF the same line break, the order of ticked boxes irrelevant)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return sorted(canonical(item) for item in value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def snapshot(instance, names) -> dict:
    """{field: canonical stored value} of a model instance (foreign keys as their id,
    without fetching the related row)."""
    return {
        name: canonical(instance._meta.get_field(name).value_from_object(instance))
        for name in names
    }


def dumps(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def loads(text) -> dict | None:
    """The as-loaded values a page posted; None when they are missing or damaged."""
    try:
        values = json.loads(text or "")
    except ValueError:
        return None
    return values if isinstance(values, dict) else None


@dataclass
class Decision:
    store: list = field(default_factory=list)  # changed by this page only
    conflicts: list = field(default_factory=list)  # changed by this page and by another


def decide(mine: dict, base: dict, now: dict) -> Decision:
    """Per key of `mine`: store it, leave it (unchanged by this page, or already what the
    page wants) or refuse it as a conflict. Values are canonical."""
    decision = Decision()
    for name, value in mine.items():
        stored = now.get(name, "")
        if value == stored:
            continue
        loaded = base.get(name, UNKNOWN)
        if value == loaded:
            continue  # not changed on this page: someone else's change is kept
        if loaded == stored:
            decision.store.append(name)
        else:
            decision.conflicts.append(name)
    return decision


def base_after(mine: dict, base: dict, now: dict, seen=()) -> dict:
    """The as-loaded values the page holds after a save. A field whose stored value is
    now what the page shows is up to date. A field in `seen` is drawn again with the
    other's stored value next to it, so it takes that value: saving again stores the
    user's text deliberately. Every other field keeps the value the page was loaded
    with, so a field changed by someone else (stale on the page, or in conflict while
    the user keeps typing) is never overwritten before the user has seen it."""
    after = dict(base)
    for name, value in mine.items():
        if now.get(name, "") == value:
            after[name] = value
        elif name in seen:
            after[name] = now.get(name, "")
    return after
