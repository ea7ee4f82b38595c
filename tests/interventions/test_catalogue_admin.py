"""Curators manage the catalogue in the Dutch admin, with search and filters."""

import pytest

from ebw_portal.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    curator = User.objects.create_superuser("curator", "curator@example.nl", "Veilig-2026-beheer")
    client.force_login(curator)
    return client


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        ("source", {"q": "Omlo"}, "Omlo, J. &amp; Fermin"),
        ("interventiontype", {"q": "lotgenoten"}, "Lotgenotencontact"),
        ("intervention", {"prevention_level__exact": "breed"}, "Weerbaar Opvoeden"),
        ("effectiveelement", {"aspect__exact": "werving"}, "Werven via een netwerk"),
        ("lessonlearned", {"theme__exact": "veiligheid"}, "Zorg voor een veilige setting"),
    ],
)
def test_curator_can_search_and_filter_each_catalogue_list(
    curator_client, small_catalogue, model, params, expected
):
    response = curator_client.get(f"/beheer/interventions/{model}/", params)
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(
    "model", ["source", "interventiontype", "intervention", "effectiveelement", "lessonlearned"]
)
def test_curator_can_open_the_add_form_with_dutch_labels(curator_client, model):
    response = curator_client.get(f"/beheer/interventions/{model}/add/")
    assert response.status_code == 200
    assert "bronnen" in response.content.decode().lower()


def test_element_form_offers_types_in_a_selector(curator_client, small_catalogue):
    html = curator_client.get("/beheer/interventions/effectiveelement/add/").content.decode()
    assert "Interventietypen" in html
    assert 'class="selectfilter"' in html


def _new_lesson(**fields):
    data = {
        "slug": "nieuwe-les",
        "title": "Nieuwe les",
        "summary": "Een korte samenvatting.",
        "explanation": "Een toelichting.",
        "theme": "evalueren",
        "order": 1,
    }
    data.update(fields)
    return data


def test_a_catalogue_item_without_a_source_is_refused_with_a_clear_message(
    curator_client, small_catalogue
):
    from interventions.models import LessonLearned

    response = curator_client.post("/beheer/interventions/lessonlearned/add/", _new_lesson())
    assert response.status_code == 200
    assert "Kies minstens één bron met titel, uitgever en jaar" in response.content.decode()
    assert not LessonLearned.objects.filter(slug="nieuwe-les").exists()


def test_a_source_without_publisher_or_year_is_not_enough(curator_client, small_catalogue):
    from interventions.models import LessonLearned, Source

    vague = Source.objects.create(citation="Een rapport ergens", title="Een rapport", undated=True)
    response = curator_client.post(
        "/beheer/interventions/lessonlearned/add/", _new_lesson(sources=[vague.pk])
    )
    assert "Kies minstens één bron met titel, uitgever en jaar" in response.content.decode()
    assert not LessonLearned.objects.filter(slug="nieuwe-les").exists()


def test_with_a_complete_source_the_item_is_saved(curator_client, small_catalogue):
    from interventions.models import LessonLearned

    response = curator_client.post(
        "/beheer/interventions/lessonlearned/add/",
        _new_lesson(sources=[small_catalogue.report.pk]),
    )
    assert response.status_code == 302
    lesson = LessonLearned.objects.get(slug="nieuwe-les")
    assert list(lesson.sources.all()) == [small_catalogue.report]


def test_the_source_form_asks_for_a_year_or_zonder_jaar(curator_client):
    response = curator_client.post(
        "/beheer/interventions/source/add/",
        {"citation": "Bureau X. Rapport.", "title": "Rapport", "publisher": "Bureau X"},
    )
    assert "Vul het jaar in, of vink ‘zonder jaar’ aan" in response.content.decode()
