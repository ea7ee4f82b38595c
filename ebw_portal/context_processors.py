"""Template context shared by every page."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# The database content (catalogue, checklists, plans) is written in Dutch only.
CONTENT_LANGUAGE = "nl"


def content_language(request):
    """`content_lang_attr`: ` lang="nl"` for elements showing database text, or "".

    WCAG 3.1.2 (language of parts): with an English UI the page says
    <html lang="en">, so Dutch content must be marked for screen readers.
    With a Dutch UI the attribute would be redundant and is left out.
    """
    attr = "" if _ui_in_content_language() else f' lang="{CONTENT_LANGUAGE}"'
    return {"content_lang_attr": mark_safe(attr)}


def _ui_in_content_language() -> bool:
    return (get_language() or "").split("-")[0] == CONTENT_LANGUAGE


def in_content_language(text):
    """Database text for a place the template renders as is, such as a breadcrumb: with
    an English UI it is wrapped in <span lang="nl"> (escaped), as `content_lang_attr`
    does for whole elements; with the Dutch UI it stays plain text."""
    if _ui_in_content_language():
        return text
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, text)
