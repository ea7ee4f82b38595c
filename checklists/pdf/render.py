"""Render a plan of approach as HTML (the preview) and as a PDF/UA document.

WeasyPrint is imported inside the functions: importing it takes a noticeable part of a
second and most requests never render a PDF.
"""

import threading

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from checklists.pdf.context import build_document
from checklists.wizard.sharing import Audience

TEMPLATE = "checklists/pdf/plan.html"
CREATOR = "EBW portal"

# A FontConfiguration parses and caches fonts; building one per PDF wastes time. One per
# thread, because WeasyPrint does not promise it is safe to share between threads.
_local = threading.local()


def supported_language(language: str | None) -> str:
    """'nl' or 'en': the languages a plan document exists in (Dutch by default)."""
    codes = [code for code, _name in settings.LANGUAGES]
    base = (language or "").split("-")[0].lower()
    return base if base in codes else settings.LANGUAGE_CODE


def render_plan_html(plan, language: str, audience: Audience = Audience.TEAM) -> str:
    """The document as HTML: the PDF's source and the development preview."""
    language = supported_language(language)
    with translation.override(language):
        document = build_document(plan, audience)
        return render_to_string(
            TEMPLATE,
            {"doc": document, "plan": document.plan, "language": language, "creator": CREATOR},
        )


def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def render_plan_pdf(
    plan, language: str, url_fetcher=None, audience: Audience = Audience.TEAM
) -> bytes:
    """The plan as an A4 PDF/UA-1 document in `language` ('nl' or 'en').

    `url_fetcher` is for tests that want to see what was requested; it defaults to the
    static-files-only fetcher, and anything else must be at least as strict.
    """
    from weasyprint import HTML

    from checklists.pdf.fetcher import STATIC_BASE_URL, StaticOnlyURLFetcher

    html = render_plan_html(plan, language, audience)
    fetcher = url_fetcher or StaticOnlyURLFetcher()
    return HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", font_config=_font_config()
    )
