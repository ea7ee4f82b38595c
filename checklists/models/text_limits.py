"""How long the texts that teams type may be, and the database rule that keeps them so.

A form refuses a longer text with a message next to the field and keeps what was typed;
the database refuses it too, so no other path (the admin, a script, a future API) can
store a text that pages, the PDF and the autosave were never meant to carry. The values
are in docs/wizard.md.
"""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# An answer of the kind 'kort': a name, a number with a unit, one sentence.
SHORT_ANSWER = 300
# An answer of the kind 'lang' and the other long texts (evaluation questions, findings):
# a few pages of A4, more than the toolkit's questions ask for.
LONG_TEXT = 5_000
# A note beside something else (how an element is applied, agreements, culture).
NOTE = 2_000
# A reviewer's note on one question.
REVIEW_NOTE = 4_000
# What a stakeholder is responsible for.
RESPONSIBILITY = 1_000


def at_most(field: str, limit: int, name: str) -> models.CheckConstraint:
    """A database rule: `field` holds at most `limit` characters."""
    return models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=name)
