"""Template context shared by every page."""

from django.utils.safestring import mark_safe

from ebw_portal.common.language import CONTENT_LANGUAGE, ui_in_content_language


def content_language(request):
    """`content_lang_attr`: ` lang="nl"` for elements showing database text, or "".

    WCAG 3.1.2 (language of parts): with an English UI the page says
    <html lang="en">, so Dutch content must be marked for screen readers.
    With a Dutch UI the attribute would be redundant and is left out.
    """
    attr = "" if ui_in_content_language() else f' lang="{CONTENT_LANGUAGE}"'
    return {"content_lang_attr": mark_safe(attr)}
