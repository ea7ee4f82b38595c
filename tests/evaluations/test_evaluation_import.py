"""Curators import evaluations from CSV/XLSX: dry run, confirm, and strict refusals."""

import io
from pathlib import Path

import pytest
import tablib
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ebw_portal.common.imports import MAX_IMPORT_ROWS
from evaluations.models import Access, Evaluation, Status
from evaluations.resources import EvaluationResource

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "import-samples" / "evaluaties.csv"
IMPORT_URL = reverse("admin:evaluations_evaluation_import")
CONFIRM_URL = reverse("admin:evaluations_evaluation_process_import")
CSV, XLSX = "0", "1"


def upload(client, content: bytes, name="evaluaties.csv", fmt=CSV):
    return client.post(
        IMPORT_URL,
        {"import_file": SimpleUploadedFile(name, content), "format": fmt, "resource": "0"},
    )


def dry_run_and_confirm(client, content: bytes, **kwargs):
    preview = upload(client, content, **kwargs)
    assert "confirm_form" in preview.context, preview.content.decode()
    confirm = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, {f: confirm[f].value() for f in confirm.fields})


def sample_rows() -> list[dict]:
    import csv

    with SAMPLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def to_csv(rows: list[dict], headers=None) -> bytes:
    import csv

    headers = headers or list(rows[0].keys())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def errors_on_page(response) -> str:
    return response.content.decode()


@pytest.fixture
def imported(curator_client, catalogue):
    response = dry_run_and_confirm(curator_client, SAMPLE.read_bytes())
    assert response.status_code == 302
    return response


def test_the_dry_run_previews_without_writing_anything(curator_client, catalogue):
    response = upload(curator_client, SAMPLE.read_bytes())
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.valid_rows()] == ["new", "new"]
    assert "Voorbeeld: procesevaluatie van een oudergroep in de wijk" in errors_on_page(response)
    assert Evaluation.objects.count() == 0


def test_confirming_imports_the_sample_with_its_relations(curator_client, imported):
    evaluation = Evaluation.objects.get(slug="voorbeeld-import-procesevaluatie-oudergroep")
    assert evaluation.year == 2024
    assert evaluation.kind == "proces" and evaluation.design == "kwalitatief"
    assert evaluation.is_example and evaluation.access == Access.PUBLIC
    assert [t.slug for t in evaluation.types.all()] == ["opvoedondersteuning"]
    assert sorted(e.slug for e in evaluation.effective_elements.all()) == [
        "duidelijkheid-over-opzet-en-doelen",
        "werving-via-sleutelfiguren",
    ]
    assert [lesson.slug for lesson in evaluation.lessons.all()] == [
        "veilige-setting-voor-deelnemers"
    ]
    # An import never publishes: that stays a curator's decision.
    assert evaluation.status == Status.DRAFT
    assert Evaluation.objects.get(slug="voorbeeld-import-planevaluatie-lokale-aanpak").access == (
        Access.CONFIDENTIAL
    )


def test_the_import_is_recorded_in_the_history_with_the_curator(imported, curator):
    evaluation = Evaluation.objects.get(slug="voorbeeld-import-procesevaluatie-oudergroep")
    assert evaluation.history.first().history_user == curator


def test_importing_the_same_file_again_changes_nothing(curator_client, imported):
    before = list(Evaluation.objects.values_list("pk", "title", "updated_at").order_by("pk"))
    response = upload(curator_client, SAMPLE.read_bytes())
    assert [row.import_type for row in response.context["result"].rows] == ["skip", "skip"]
    dry_run_and_confirm(curator_client, SAMPLE.read_bytes())
    after = list(Evaluation.objects.values_list("pk", "title", "updated_at").order_by("pk"))
    assert after == before


def test_a_changed_row_updates_the_evaluation_with_the_same_slug(curator_client, imported):
    rows = sample_rows()
    rows[0]["titel"] = "Voorbeeld: procesevaluatie, herziene titel"
    dry_run_and_confirm(curator_client, to_csv(rows))
    assert Evaluation.objects.count() == 2
    assert Evaluation.objects.get(slug=rows[0]["slug"]).title.endswith("herziene titel")


def test_an_xlsx_file_imports_like_a_csv(curator_client, catalogue):
    dataset = tablib.Dataset().load(SAMPLE.read_text(encoding="utf-8"), format="csv")
    dry_run_and_confirm(curator_client, dataset.export("xlsx"), name="evaluaties.xlsx", fmt=XLSX)
    assert Evaluation.objects.count() == 2


def refused(response, *phrases):
    """The import page came back with the Dutch message(s) and nothing was saved."""
    body = response.content.decode()
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    for phrase in phrases:
        assert phrase in body, body[-3000:]
    assert Evaluation.objects.count() == 0
    return body


def test_a_file_with_wrong_headers_is_refused(curator_client, catalogue):
    rows = sample_rows()
    for row in rows:
        row["title"] = row.pop("titel")
    response = upload(curator_client, to_csv(rows))
    refused(
        response,
        "De kolomkoppen kloppen niet",
        "ontbrekende kolommen: titel",
        "onbekende kolommen: title",
    )


def test_a_bad_year_is_reported_on_its_row_and_column(curator_client, catalogue):
    rows = sample_rows()
    rows[1]["jaar"] = "twintig"
    body = refused(upload(curator_client, to_csv(rows)))
    result = upload(curator_client, to_csv(rows)).context["result"]
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    assert invalid[0].field_specific_errors == {"jaar": ["‘twintig’ is geen heel getal."]}
    assert "‘twintig’ is geen heel getal." in body


def test_a_year_out_of_range_is_refused(curator_client, catalogue):
    rows = sample_rows()
    rows[0]["jaar"] = "1850"
    result = upload(curator_client, to_csv(rows)).context["result"]
    assert list(result.invalid_rows[0].field_specific_errors) == ["jaar"]
    assert Evaluation.objects.count() == 0


def test_an_unknown_type_slug_is_named_in_the_error(curator_client, catalogue):
    rows = sample_rows()
    rows[0]["typen"] = "opvoedondersteuning,bestaat-niet"
    body = refused(
        upload(curator_client, to_csv(rows)), "Onbekende interventietypen: bestaat-niet."
    )
    assert "typen" in body


def test_an_unknown_kind_lists_the_allowed_values(curator_client, catalogue):
    rows = sample_rows()
    rows[0]["soort"] = "eindevaluatie"
    refused(
        upload(curator_client, to_csv(rows)),
        "‘eindevaluatie’ is geen geldige waarde. Kies uit: plan, proces, effect.",
    )


def test_an_empty_file_is_refused(curator_client, catalogue):
    refused(upload(curator_client, b""), "bestand is leeg")


def test_a_file_with_only_headers_is_refused(curator_client, catalogue):
    headers = SAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n"
    refused(
        upload(curator_client, headers.encode()), "Het bestand bevat kolomkoppen maar geen rijen."
    )


def test_a_binary_file_renamed_to_csv_is_refused(curator_client, catalogue):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    refused(upload(curator_client, png, name="evaluaties.csv"), "geen CSV-tekstbestand in UTF-8")


def test_a_csv_chosen_as_xlsx_is_refused(curator_client, catalogue):
    refused(
        upload(curator_client, SAMPLE.read_bytes(), name="evaluaties.xlsx", fmt=XLSX),
        "Dit is geen geldig Excel-bestand (.xlsx).",
    )


def test_a_file_over_five_megabytes_is_refused(curator_client, catalogue):
    big = SAMPLE.read_bytes() + b"x" * (5 * 1024 * 1024)
    refused(upload(curator_client, big), "Het bestand is groter dan 5 MB.")


def test_a_file_with_too_many_rows_is_refused(curator_client, catalogue):
    row = sample_rows()[0]
    rows = [{**row, "slug": f"rij-{n}"} for n in range(MAX_IMPORT_ROWS + 1)]
    refused(upload(curator_client, to_csv(rows)), "het maximum is 5000")


def test_one_bad_row_means_nothing_is_written(catalogue):
    rows = sample_rows()
    rows[1]["typen"] = "bestaat-niet"
    dataset = tablib.Dataset().load(to_csv(rows).decode(), format="csv")
    with translation.override("nl"):
        result = EvaluationResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_validation_errors()
    assert Evaluation.objects.count() == 0


def test_an_example_without_voorbeeld_in_its_title_is_refused(curator_client, catalogue):
    rows = sample_rows()
    rows[0]["titel"] = "Procesevaluatie van een oudergroep"
    result = upload(curator_client, to_csv(rows)).context["result"]
    assert result.invalid_rows[0].field_specific_errors == {
        "titel": ["De titel van een voorbeeld begint met ‘Voorbeeld:’."]
    }
    assert Evaluation.objects.count() == 0


def test_a_process_evaluation_cannot_claim_proven_effects(curator_client, catalogue):
    rows = sample_rows()
    rows[0]["oordeel"] = "aangetoond"
    result = upload(curator_client, to_csv(rows)).context["result"]
    assert list(result.invalid_rows[0].field_specific_errors) == ["oordeel"]


def test_a_confirm_that_fails_after_the_dry_run_saves_nothing_and_says_so(
    curator_client, catalogue
):
    from interventions.models import LessonLearned

    preview = upload(curator_client, SAMPLE.read_bytes())
    confirm = preview.context["confirm_form"]
    # Between preview and confirm, a lesson the file refers to disappears.
    LessonLearned.objects.filter(slug="veilige-setting-voor-deelnemers").delete()
    response = curator_client.post(
        CONFIRM_URL, {f: confirm[f].value() for f in confirm.fields}, follow=True
    )
    assert "De import is afgebroken: er is niets opgeslagen." in response.content.decode()
    assert Evaluation.objects.count() == 0
