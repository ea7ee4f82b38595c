"""What a reader finds in the PDF of a plan of approach, read back with pypdf."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from pdf_plans import (
    ANSWERS,
    SECTIONS,
    build_checklist,
    build_plan,
    make_definitive,
    pdf_reader,
    pdf_text,
)
from PIL import Image

from checklists.pdf.context import build_document, load_plan
from checklists.pdf.render import render_plan_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def flat(text: str) -> str:
    """Extracted text with line wrapping undone, for phrases that may wrap."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def checklist(db):
    return build_checklist()


@pytest.fixture
def full_plan(catalogue, delft, checklist):
    return build_plan(delft, checklist)


@pytest.fixture
def full_pdf(full_plan):
    return render_plan_pdf(full_plan, "nl")


def test_every_checklist_section_appears_in_checklist_order(full_pdf):
    text = pdf_text(full_pdf)
    body = text[text.index("Volledigheid en gereedheid", text.index("Inhoud") + 200) :]
    positions = [body.index(title) for _slug, title, *_rest in SECTIONS]
    assert positions == sorted(positions)


def test_questions_and_answers_keep_dutch_characters(full_pdf):
    text = flat(pdf_text(full_pdf))
    assert "Wat wil de gemeente bereiken, en hoe?" in text
    assert "Het budget is € 48.500 per jaar; de coördinator is Zoë de Vries." in text
    assert "naïeve aannames" in text
    assert "vóórdat problemen groter worden" in text
    # Yes/no/partly answers are shown as words, numbers and dates in Dutch notation.
    assert "Deels" in text
    assert "1 maart 2027" in text


def test_a_full_plan_runs_to_several_pages_and_long_answers_flow_on(full_pdf):
    reader = pdf_reader(full_pdf)
    assert len(reader.pages) > 3
    pages = [flat(page.extract_text()) for page in reader.pages]
    ending = flat(ANSWERS["vraagstuk"].split("\n\n")[-1])
    first_words = "In de wijken Tanthof en Voorhof zien sleutelfiguren"
    start_page = next(i for i, page in enumerate(pages) if first_words in page)
    end_page = next(i for i, page in enumerate(pages) if ending in page)
    assert end_page > start_page


def test_sub_goals_stakeholders_and_adopted_elements_are_listed(full_pdf, full_plan):
    text = flat(pdf_text(full_pdf))
    assert "Subdoel 2: ouders herkennen signalen van polarisatie eerder" in text
    assert "Aandeel ouders dat zich zekerder voelt (vragenlijst vóór en na)" in text
    assert "70% van de deelnemers" in text
    assert "1 december 2027" in text
    assert "Zoë de Vries (persoon)" in text
    assert "Coördinator gemeente" in text
    adopted = full_plan.adopted_elements.select_related("element").first()
    assert adopted.element.title in text
    assert "Hoe wij dit toepassen" in text
    assert "Bewijskracht:" in text
    citation = adopted.element.sources.order_by("citation").first().citation
    assert flat(citation)[:60] in text


def test_cover_names_plan_municipality_type_status_version_and_date(full_pdf, full_plan):
    cover = flat(pdf_reader(full_pdf).pages[0].extract_text())
    assert "Weerbaar Opvoeden in Tanthof en Voorhof" in cover
    assert "Gemeente Delft" in cover
    assert full_plan.intervention_type.name in cover
    for label in ("Interventietype", "Status", "Versie", "Laatst gewijzigd", "Looptijd"):
        assert label in cover
    assert "CONCEPT" in cover
    with translation.override("nl"):
        assert date_format(localtime(full_plan.updated_at), "j F Y") in cover
    assert "1 januari 2027 – 31 december 2028" in cover


def test_table_of_contents_gives_the_page_of_each_chapter(full_pdf):
    pages = [flat(page.extract_text()) for page in pdf_reader(full_pdf).pages]
    toc = pages[1].replace(f"pagina 2 van {len(pages)}", "")
    assert "Inhoud" in toc
    appendix_page = next(
        n
        for n, page in enumerate(pages, start=1)
        if n > 2 and "Bijlage: openstaande vragen" in page
    )
    numbers = {int(n) for n in re.findall(r"\b(\d{1,2})\b", toc)}
    assert appendix_page in numbers


def test_pages_have_running_header_and_page_x_of_y_footer(full_pdf):
    reader = pdf_reader(full_pdf)
    total = len(reader.pages)
    third = flat(reader.pages[2].extract_text())
    assert "Weerbaar Opvoeden in Tanthof en Voorhof" in third
    assert "Gemeente Delft" in third
    assert f"pagina 3 van {total}" in third


def test_summary_and_appendix_show_what_is_still_open(catalogue, delft, checklist):
    answers = {k: v for k, v in ANSWERS.items() if k not in {"visie", "deelnemers"}}
    plan = build_plan(delft, checklist, answers=answers, sub_goals=0)
    text = flat(pdf_text(render_plan_pdf(plan, "nl")))
    assert "Nog 2 verplichte punten open voordat het plan definitief kan worden." in text
    assert "1 verplichte vraag open" in text
    assert "nog 1 regel nodig in de lijst" in text
    appendix = text[text.rindex("Bijlage: openstaande vragen") :]
    assert "Wat wil de gemeente bereiken, en hoe? (verplicht)" in appendix
    assert "Hoeveel deelnemers verwacht u?" in appendix
    assert "Nog 1 regel nodig in de lijst van dit onderdeel" in appendix
    assert "Wie is de doelgroep?" not in appendix


def test_evaluation_section_holds_the_evaluation_plan_and_its_timeline(full_pdf):
    text = flat(pdf_text(full_pdf))
    evaluation = text[text.rindex("8 Evaluatie") : text.rindex("9 Doorontwikkeling en borging")]
    assert "Wat wilt u evalueren, en wanneer?" in evaluation
    assert "Evaluatieplan" in evaluation
    assert "Procesevaluatie" in evaluation and "Effectevaluatie" in evaluation
    assert "Bereiken we de ouders die we willen bereiken?" in evaluation
    assert "De stichting houdt per bijeenkomst een presentielijst bij." in evaluation
    assert "Zelfvertrouwen van ouders in het opvoedgesprek" in evaluation
    assert "€ 4.500,00" in evaluation
    # The timeline runs by date, whatever order the moments were entered in.
    assert evaluation.index("31 januari 2027") < evaluation.index("2 maart 2027")
    assert evaluation.index("Meetmoment 2") < evaluation.index("Meetmoment 1")
    assert "week 5 na de start" in evaluation


def test_summary_lists_the_evaluation_plans_readiness_warnings(full_pdf):
    text = flat(pdf_text(full_pdf))
    start = text.index("Is het evaluatieplan klaar?")
    summary = text[start : text.index("1 Vraagstuk en visie", start)]
    assert "De effectevaluatie heeft geen nulmeting." in summary


def test_metadata_names_title_language_author_and_creator(full_pdf):
    reader = pdf_reader(full_pdf)
    assert reader.metadata.title == "Weerbaar Opvoeden in Tanthof en Voorhof"
    assert reader.metadata.author == "Delft"
    assert reader.metadata.creator == "EBW portal"
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_pdf_is_tagged_for_accessibility_with_embedded_source_sans_pro(full_pdf):
    reader = pdf_reader(full_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
    assert fonts and all("Source-Sans-Pro" in name for name in fonts)


def test_concept_has_a_watermark_on_every_page(full_pdf):
    for page in pdf_reader(full_pdf).pages:
        assert "CONCEPT" in page.extract_text()


def test_definitive_plan_has_no_watermark(full_plan):
    make_definitive(full_plan)
    text = pdf_text(render_plan_pdf(full_plan, "nl"))
    assert "CONCEPT" not in text
    assert "DEFINITIEF" in text


def test_english_variant_is_marked_english_and_uses_english_dates(full_plan):
    pdf = render_plan_pdf(full_plan, "en")
    reader = pdf_reader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "1 January 2027" in flat(reader.pages[0].extract_text())


def test_document_data_costs_the_same_queries_for_a_small_and_a_big_plan(
    catalogue, delft, checklist
):
    small = build_plan(delft, checklist, answers={"visie": "Kort."}, sub_goals=1, moments=1)
    big = build_plan(delft, checklist, sub_goals=12, moments=10, title="Groot plan")
    counts = []
    for plan in (small, big):
        cache.clear()  # both with the checklist's structure still to load
        with CaptureQueriesContext(connection) as queries:
            build_document(load_plan(plan.pk))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 15


def test_first_page_can_be_looked_at_as_png(full_pdf, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    source = tmp_path / "plan.pdf"
    source.write_bytes(full_pdf)
    target = ARTIFACTS / "plan-van-aanpak-pagina-1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", source, target],
        check=True,
    )
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000
    with Image.open(png) as image:
        assert image.size[1] > image.size[0]  # portrait A4
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colours) > 50  # text, the blue band and the watermark, not a blank page
