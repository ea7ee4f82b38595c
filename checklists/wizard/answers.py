"""How an answer of each kind becomes a form field, is stored as text, and is shown.

Answers are stored as text in one column so ESS can change a question's kind in the
admin without a migration; dates are stored as ISO dates, numbers as plain decimals.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from checklists.models import AnswerKind, ChecklistItem, text_limits

YES_NO_PARTLY = [("ja", _("Ja")), ("nee", _("Nee")), ("deels", _("Deels"))]


def form_field_for(item: ChecklistItem) -> forms.Field:
    """A form field for one checklist item. Never required here: a concept plan may have
    open questions; 'required' only blocks making the plan definitief."""
    common = {"label": item.question, "help_text": item.help_text, "required": False}
    kind = item.answer_kind
    if kind == AnswerKind.SHORT_TEXT:
        return forms.CharField(max_length=text_limits.SHORT_ANSWER, **common)
    if kind == AnswerKind.YES_NO_PARTLY:
        return forms.ChoiceField(choices=YES_NO_PARTLY, widget=forms.RadioSelect, **common)
    if kind == AnswerKind.CHOICE:
        choices = [("", _("— maak een keuze —"))] + [(c, c) for c in item.choice_list]
        return forms.ChoiceField(choices=choices, **common)
    if kind == AnswerKind.DATE:
        return forms.DateField(
            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}), **common
        )
    if kind == AnswerKind.NUMBER:
        return forms.DecimalField(
            max_digits=14,
            decimal_places=2,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    return forms.CharField(
        max_length=text_limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}), **common
    )


def to_storage(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def from_storage(item: ChecklistItem, stored: str):
    """The initial value for the form field; a value that no longer parses (ESS changed
    the question's kind) is shown as it was so nothing is lost."""
    if not stored:
        return None
    try:
        if item.answer_kind == AnswerKind.DATE:
            return datetime.date.fromisoformat(stored)
        if item.answer_kind == AnswerKind.NUMBER:
            return Decimal(stored)
    except (ValueError, InvalidOperation):
        return stored
    return stored


def display(item: ChecklistItem, stored: str) -> str:
    """The answer as a reader sees it (overview, history, PDF)."""
    value = from_storage(item, stored)
    if value is None:
        return ""
    if item.answer_kind == AnswerKind.YES_NO_PARTLY:
        return str(dict(YES_NO_PARTLY).get(value, value))
    if isinstance(value, datetime.date | Decimal):
        return formats.localize(value)
    return str(value)
