"""axe finds no serious or critical accessibility problems on the catalogue pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

pytestmark = pytest.mark.e2e


@pytest.fixture
def shipped_catalogue(transactional_db):
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/wat-werkt/",
        "/wat-werkt/opvoedondersteuning/",
        "/wat-werkt/geleerde-lessen/",
        "/zoeken/",
        "/zoeken/?q=ouders",
        "/zoeken/?q=xylofoon&thema=bestaat-niet",
    ],
)
def test_catalogue_page_has_no_serious_accessibility_violations(
    page, live_server, shipped_catalogue, path
):
    page.goto(live_server.url + path)
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_detail_pages_have_no_serious_accessibility_violations(
    page, live_server, shipped_catalogue
):
    from interventions.models import EffectiveElement, Intervention, LessonLearned

    for model in (Intervention, EffectiveElement, LessonLearned):
        page.goto(live_server.url + model.objects.first().get_absolute_url())
        violations = Axe().run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], (model.__name__, serious)
