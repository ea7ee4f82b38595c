"""Pages run a fixed number of queries, however large the catalogue grows."""

import pytest

pytestmark = pytest.mark.django_db

# Measured counts plus a margin of two for shared parts (base layout, evidence slot).
# A first anonymous visit also reads the content version for the shared copy of the page
# (ebw_portal/page_cache.py); the visits here are first visits, because growing the
# catalogue raises that version.
PAGES = {
    "home": ("/", 3),
    "type list": ("/wat-werkt/", 3),
    "type page": ("/wat-werkt/opvoedondersteuning/", 8),
    "intervention page": ("/wat-werkt/interventies/weerbaar-opvoeden/", 6),
    "element page": ("/wat-werkt/werkzame-elementen/werven-via-sleutelfiguren/", 7),
    "lesson page": ("/wat-werkt/geleerde-lessen/duidelijke-visie/", 6),
    "lesson overview": ("/wat-werkt/geleerde-lessen/", 4),
    "search": ("/zoeken/?q=opvoeding", 7),
    "search with filters": ("/zoeken/?q=opvoeding&type=opvoedondersteuning&aspect=inhoud", 7),
    "search without words": ("/zoeken/?thema=draagvlak", 7),
}


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_the_catalogue(
    client, grow_catalogue, django_assert_max_num_queries, name
):
    url, limit = PAGES[name]
    grow_catalogue(2)
    with django_assert_max_num_queries(limit):
        small = client.get(url)
    grow_catalogue(30)
    with django_assert_max_num_queries(limit):
        large = client.get(url)
    assert small.status_code == large.status_code == 200
    assert len(large.content) >= len(small.content)
