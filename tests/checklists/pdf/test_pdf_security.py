"""Text typed into a plan cannot make the PDF renderer fetch or attach anything."""

import re

import pytest
from pdf_plans import ANSWERS, build_checklist, build_plan, pdf_reader, pdf_text

from checklists.models import AdoptedElement, Stakeholder, SubGoal
from checklists.pdf.fetcher import STATIC_BASE_URL, ForbiddenURL, StaticOnlyURLFetcher
from checklists.pdf.render import render_plan_pdf

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    "http://169.254.169.254/",
]
HOSTILE_URLS = ["file:///etc/passwd", "file:///etc/hostname", "http://169.254.169.254/"]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def hostile_plan(catalogue, delft):
    """Every kind of free text in the plan carries the hostile strings."""
    joined = " ".join(HOSTILE)
    answers = {**ANSWERS, "visie": joined, "uitvoerder": HOSTILE[2]}
    plan = build_plan(delft, build_checklist(), answers=answers, title=HOSTILE[0])
    SubGoal.objects.filter(plan=plan).update(description=HOSTILE[1], indicator=HOSTILE[0])
    Stakeholder.objects.filter(plan=plan).update(name=HOSTILE[0], responsibility=joined)
    AdoptedElement.objects.filter(plan=plan).update(note=joined)
    plan.refresh_from_db()
    return plan


def test_hostile_text_appears_literally_and_nothing_is_fetched_or_attached(hostile_plan):
    fetcher = StaticOnlyURLFetcher()
    pdf = render_plan_pdf(hostile_plan, "nl", url_fetcher=fetcher)

    text = flat(pdf_text(pdf))
    for hostile in HOSTILE:
        assert hostile in text
    reader = pdf_reader(pdf)
    assert reader.attachments == {}
    assert reader.metadata.title == HOSTILE[0]
    # The only things the renderer asked for are the app's own stylesheet and fonts.
    assert fetcher.requested
    assert all(url.startswith(STATIC_BASE_URL) for url in fetcher.requested)
    for url in HOSTILE_URLS:
        assert url not in fetcher.requested


def test_even_real_tags_cannot_fetch_files_or_network_through_the_fetcher():
    """The second wall: if markup ever got through unescaped, the fetcher still refuses."""
    from weasyprint import HTML

    fetcher = StaticOnlyURLFetcher()
    html = (
        '<html lang="nl"><head><title>t</title>'
        '<link rel="attachment" href="file:///etc/hostname">'
        '<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">'
        "</head><body><p>tekst</p>"
        '<img src="file:///etc/passwd"><img src="/etc/passwd">'
        '<img src="../../../../etc/passwd"></body></html>'
    )
    pdf = HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher).write_pdf()

    assert pdf_reader(pdf).attachments == {}
    assert "root:" not in pdf_text(pdf)
    assert "file:///etc/passwd" in fetcher.requested  # asked for, and refused


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://169.254.169.254/",
        "https://example.org/style.css",
        "ftp://example.org/font.ttf",
        "file://example.org/static/css/pdf.css",
        STATIC_BASE_URL + "../../etc/passwd",
        STATIC_BASE_URL + "css/../../../etc/passwd",
        STATIC_BASE_URL + "%2e%2e/%2e%2e/etc/passwd",
        STATIC_BASE_URL + "/etc/passwd",
        STATIC_BASE_URL + "css/does-not-exist.css",
        STATIC_BASE_URL,
    ],
)
def test_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(ForbiddenURL):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_serves_the_stylesheet_the_fonts_and_data_urls():
    fetcher = StaticOnlyURLFetcher()
    css = fetcher.fetch(STATIC_BASE_URL + "css/pdf.css")
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(STATIC_BASE_URL + "fonts/source-sans-pro/SourceSansPro-Regular.ttf")
    assert len(font.read()) > 100_000
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"
