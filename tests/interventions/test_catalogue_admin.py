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
