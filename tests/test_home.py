import pytest


@pytest.mark.django_db
def test_home_page_offers_search_and_skip_link(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#inhoud"' in html
    assert 'role="search"' in html
    assert 'lang="nl"' in html
