import pytest

pytestmark = pytest.mark.django_db


def test_home_page_offers_search_and_skip_link(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#inhoud"' in html
    assert 'role="search"' in html
    assert 'action="/zoeken/"' in html
    assert 'lang="nl"' in html


def test_home_page_offers_the_six_types_as_entry_points(client, catalogue):
    from interventions.models import InterventionType

    html = client.get("/").content.decode()
    types = InterventionType.objects.all()
    assert types.count() == 6
    for intervention_type in types:
        assert f'href="{intervention_type.get_absolute_url()}"' in html
        assert intervention_type.name in html


def test_home_page_links_to_lessons_by_theme(client):
    html = client.get("/").content.decode()
    assert 'href="/wat-werkt/geleerde-lessen/#thema-voorbereiding"' in html
    assert 'href="/wat-werkt/geleerde-lessen/#thema-borging"' in html


def test_language_switch_shows_the_page_in_english(client):
    response = client.get("/taal/en/", {"volgende": "/wat-werkt/"})
    assert response.status_code == 302
    assert response["Location"] == "/wat-werkt/"
    html = client.get("/wat-werkt/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="/taal/nl/?volgende=/wat-werkt/"' in html  # the switch now offers Dutch


def test_language_switch_translates_messages(client):
    bad_filter = {"q": "ouders", "thema": "onbekend"}
    assert "Selecteer een geldige keuze" in client.get("/zoeken/", bad_filter).content.decode()
    client.get("/taal/en/", {"volgende": "/"})
    html = client.get("/zoeken/", bad_filter).content.decode()
    assert "Select a valid choice" in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_the_dutch_portal(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()
