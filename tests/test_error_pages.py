import pytest
from django.test import Client


@pytest.mark.django_db
def test_an_unknown_page_answers_in_dutch_with_the_portal_layout(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert 'href="#inhoud"' in html


@pytest.mark.django_db
def test_a_form_without_a_valid_token_explains_itself_in_dutch():
    response = Client(enforce_csrf_checks=True).post(
        "/account/inloggen/", {"username": "iemand", "password": "iets"}
    )
    assert response.status_code == 403
    assert "<h1>Formulier verlopen</h1>" in response.content.decode()
