"""The language of database content: the catalogue, the checklists and the plans are
written in Dutch only, so with an English UI such text is marked as Dutch (WCAG 3.1.2,
language of parts)."""

from django.utils.html import format_html
from django.utils.translation import get_language

CONTENT_LANGUAGE = "nl"


def ui_in_content_language() -> bool:
    return (get_language() or "").split("-")[0] == CONTENT_LANGUAGE


def in_content_language(text):
    """Database text for a place the template renders as is, such as a breadcrumb: with
    an English UI it is wrapped in <span lang="nl"> (escaped), as `content_lang_attr`
    does for whole elements; with the Dutch UI it stays plain text."""
    if ui_in_content_language():
        return text
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, text)
