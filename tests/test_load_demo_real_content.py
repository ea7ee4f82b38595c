"""`load_demo --zonder-voorbeelden`: a production load with only real content."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from ebw_portal.accounts.models import User
from evaluations.models import Evaluation
from interventions.models import Intervention, InterventionType

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_content(db):
    # Production runs without DEBUG; this load needs no --allow-without-debug.
    with override_settings(DEBUG=False):
        call_command("load_demo", zonder_voorbeelden=True, stdout=io.StringIO())


def test_it_loads_no_fictional_example_and_no_demo_account(real_content):
    assert Evaluation.objects.exists()
    assert not Evaluation.objects.filter(is_example=True).exists()
    assert not Evaluation.objects.filter(title__startswith="Voorbeeld").exists()
    assert not Intervention.objects.filter(is_example=True).exists()
    assert InterventionType.objects.count() == 6
    assert not User.objects.exists()


def test_loading_twice_changes_nothing(real_content):
    count = Evaluation.objects.count()
    call_command("load_demo", zonder_voorbeelden=True, stdout=io.StringIO())
    assert Evaluation.objects.count() == count


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Lotgenotencontact"),
        ("/wat-werkt/", "Opvoedondersteuning van ouders uit kwetsbare groepen"),
        ("/wat-werkt/opvoedondersteuning/", "Weerbaar"),
        ("/wat-werkt/interventies/familiecontact/", "Landelijk Steunpunt Extremisme"),
        ("/wat-werkt/geleerde-lessen/", "veilige setting"),
        ("/bewijs/", "Familiecontact"),
        ("/bewijs/matrix/", "Lokale aanpakken"),
        ("/bewijs/over-de-bewijskracht/", "goed onderbouwd"),
        ("/bewijs/evaluaties/rand-wodc-versterkingsgelden-2022/", "gemeentelijke Versterkings"),
    ],
)
def test_the_public_pages_answer_and_are_not_empty(client, real_content, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "Voorbeeld:" not in html


@pytest.mark.parametrize(
    "url",
    ["/wat-werkt/interventies/familiecontact/", "/wat-werkt/lotgenotencontact/", "/bewijs/matrix/"],
)
def test_every_evidence_label_says_it_is_the_portals_own_summary(client, real_content, url):
    import re

    html = client.get(url).content.decode()
    badges = re.findall(r'<a class="badge evidence-badge[^>]*>(.*?)</a>', html, re.S)
    assert badges
    for badge in badges:
        # Read out with the label itself, not only in a title attribute.
        assert '<span class="visually-hidden">' in badge and "geen erkenning" in badge
    assert 'href="/bewijs/over-de-bewijskracht/' in html
    assert "Hoe dit label tot stand komt" in html
