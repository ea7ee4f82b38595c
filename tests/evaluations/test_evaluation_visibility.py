"""Drafts and confidential evaluations never leak to the public; they only count."""

import pytest
from django.urls import reverse

from evaluations.models import Access, Design, Kind, Status, Verdict

SECRET = "Geheime evaluatie Delft"


@pytest.fixture
def mixed(make_evaluation, parenting, key_figures, delft):
    """One public evaluation, one confidential, one draft, one withdrawn: same type."""
    public = make_evaluation(
        title="Openbare procesevaluatie Weerbaar Opvoeden",
        types=[parenting],
        elements=[key_figures],
    )
    make_evaluation(
        title=SECRET,
        types=[parenting],
        elements=[key_figures],
        access=Access.CONFIDENTIAL,
        kind=Kind.EFFECT,
        design=Design.PRE_POST,
        verdict=Verdict.INDICATIONS,
        municipalities=[delft],
        evaluator="Geheim Bureau",
    )
    make_evaluation(title="Concept nog niet af", types=[parenting], status=Status.DRAFT)
    make_evaluation(title="Ingetrokken studie", types=[parenting], status=Status.WITHDRAWN)
    return public


def test_the_public_list_shows_only_published_public_evaluations(client, mixed):
    response = client.get(reverse("evaluations:evaluation_list"))
    body = response.content.decode()
    assert mixed.title in body
    for hidden in (SECRET, "Concept nog niet af", "Ingetrokken studie"):
        assert hidden not in body
    assert "1 openbare evaluatie" in body


def test_confidential_and_draft_detail_pages_are_not_found(client, mixed, make_evaluation):
    secret = make_evaluation(access=Access.CONFIDENTIAL)
    draft = make_evaluation(status=Status.DRAFT)
    for evaluation in (secret, draft):
        response = client.get(reverse("evaluations:evaluation_detail", args=[evaluation.slug]))
        assert response.status_code == 404


def test_the_detail_page_shows_the_facts_of_a_public_evaluation(client, mixed):
    response = client.get(mixed.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Openbare procesevaluatie Weerbaar Opvoeden</h1>" in body
    assert "procesevaluatie" in body
    assert "Werving via sleutelfiguren" in body


def test_search_finds_public_evaluations_but_never_confidential_ones(client, mixed):
    response = client.get(reverse("evaluations:evaluation_list"), {"q": "geheim"})
    assert SECRET not in response.content.decode()
    response = client.get(reverse("evaluations:evaluation_list"), {"q": "opvoed"})
    assert mixed.title in response.content.decode()


def test_the_matrix_counts_confidential_evaluations_without_naming_them(client, mixed):
    response = client.get(reverse("evaluations:matrix"))
    body = response.content.decode()
    matrix = response.context["matrix"]
    row = next(r for r in matrix.rows if r.intervention_type.slug == "opvoedondersteuning")
    cells = {cell.kind: cell for cell in row.cells}
    assert (cells[Kind.PROCESS].total, cells[Kind.PROCESS].public) == (1, 1)
    assert (cells[Kind.EFFECT].total, cells[Kind.EFFECT].public) == (1, 0)
    assert SECRET not in body and "Geheim Bureau" not in body and "Delft" not in body
    assert "waarvan 1 vertrouwelijk" in body


def test_a_matrix_cell_with_only_confidential_studies_has_no_link(client, mixed):
    body = client.get(reverse("evaluations:matrix")).content.decode()
    assert "soort=proces" in body
    assert "type=opvoedondersteuning&amp;soort=effect" not in body


def test_the_element_page_counts_the_confidential_study_anonymously(client, mixed, key_figures):
    body = client.get(key_figures.get_absolute_url()).content.decode()
    assert "eerste aanwijzingen voor effectiviteit" in body
    assert "Daarvan is 1 evaluatie vertrouwelijk" in body
    assert SECRET not in body and "Geheim Bureau" not in body


def test_the_evidence_list_link_of_an_element_shows_only_public_studies(client, mixed, key_figures):
    response = client.get(reverse("evaluations:evaluation_list"), {"element": key_figures.slug})
    assert [e.title for e in response.context["page"].object_list] == [mixed.title]


def test_an_uploaded_report_of_a_confidential_evaluation_cannot_be_downloaded(
    client, make_evaluation, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.EBW_REPORTS_ROOT = tmp_path
    secret = make_evaluation(access=Access.CONFIDENTIAL)
    secret.report.save("geheim.pdf", ContentFile(b"%PDF-1.4 geheim"))
    public = make_evaluation()
    public.report.save("openbaar.pdf", ContentFile(b"%PDF-1.4 openbaar"))
    secret_url = reverse("evaluations:evaluation_report", args=[secret.slug])
    assert client.get(secret_url).status_code == 404
    response = client.get(reverse("evaluations:evaluation_report", args=[public.slug]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 openbaar"


def test_the_public_list_filters_on_type_kind_design_and_year(
    client, make_evaluation, parenting, peers
):
    make_evaluation(title="Effect ouders 2019", types=[parenting], kind=Kind.EFFECT, year=2019)
    make_evaluation(title="Proces ouders 2021", types=[parenting], year=2021)
    make_evaluation(title="Proces families 2021", types=[peers], year=2021)
    url = reverse("evaluations:evaluation_list")

    def titles(**params):
        page = client.get(url, params).context["page"]
        return sorted(e.title for e in page.object_list)

    assert titles(type="lotgenotencontact") == ["Proces families 2021"]
    assert titles(soort="effect") == ["Effect ouders 2019"]
    assert titles(jaar="2021", type="opvoedondersteuning") == ["Proces ouders 2021"]
    assert titles(opzet="rct") == []


def test_an_invalid_filter_is_reported_and_ignored(client, make_evaluation):
    make_evaluation(title="Gewoon zichtbaar")
    response = client.get(reverse("evaluations:evaluation_list"), {"soort": "onzin"})
    body = response.content.decode()
    assert "Gewoon zichtbaar" in body
    assert 'aria-invalid="true"' in body
    assert "Dit filter is nu niet gebruikt." in body


@pytest.mark.parametrize("count", [3, 30])
def test_page_queries_do_not_grow_with_the_number_of_evaluations(
    client, make_evaluation, parenting, peers, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_evaluation(types=[parenting, peers])
    with django_assert_max_num_queries(8):
        client.get(reverse("evaluations:evaluation_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("evaluations:matrix"))


@pytest.mark.django_db  # the shared copy of the page is keyed by the content version
def test_the_evidence_scale_page_explains_every_rung(client):
    body = client.get(reverse("evaluations:evidence_scale")).content.decode()
    for label in (
        "Geen evaluaties",
        "Goed beschreven",
        "Goed onderbouwd",
        "Eerste aanwijzingen voor effectiviteit",
        "Goede aanwijzingen voor effectiviteit",
        "Sterke aanwijzingen voor effectiviteit",
    ):
        assert label in body


def test_the_portal_search_finds_public_evaluations_only(client, mixed):
    response = client.get(reverse("search"), {"q": "geheime concept openbare ouders"})
    assert response.context["outcome"].counts["evaluaties"] == 0
    response = client.get(reverse("search"), {"q": "ouders gesprekken"})
    body = response.content.decode()
    urls = [hit.url for hit in response.context["outcome"].hits if hit.kind == "evaluaties"]
    assert urls == [mixed.get_absolute_url()]
    assert SECRET not in body and "Concept nog niet af" not in body


def test_the_portal_search_can_be_limited_to_evaluations_of_a_type(client, mixed, peers):
    response = client.get(reverse("search"), {"q": "ouders gesprekken", "type": peers.slug})
    assert response.context["outcome"].counts["evaluaties"] == 0
