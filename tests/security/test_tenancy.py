"""Tenancy of plans: a municipality's plans stay its own until it shares them."""

# The wizard's fixtures are imported, so test arguments "redefine" them.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from checklists.pdf import urls as pdf_urls
from checklists.wizard import services
from checklists.wizard import urls as wizard_urls
from tests.checklists.conftest import (  # noqa: F401 - fixtures shared with the wizard tests
    checklist,
    delft_plan,
    ess_user,
    parenting,
    utrecht_plan,
)

# Values for the URL arguments besides the plan's pk.
EXTRA_ARGUMENTS = {
    "section_slug": "doelen",
    "element_slug": "werven-via-sleutelfiguren-test",
    "audience": "voorbeeldplan",
}
PATTERNS = {
    p.name: (urls.app_name, p) for urls in (wizard_urls, pdf_urls) for p in urls.urlpatterns
}
PLAN_URL_NAMES = sorted(name for name, (_, p) in PATTERNS.items() if "<int:pk>" in str(p.pattern))
READ_URLS = {"plan_detail", "plan_review"}
# Never shared: only the plan's own municipality gets these.
TEAM_URLS = {"plan_history"}
ACTION_URLS = {
    "plan_step_autosave",
    "plan_finalise",
    "plan_new_version",
    "plan_duplicate",
    "plan_archive",
    "plan_share",
    "element_adopt",
    "element_remove",
}
EDIT_PAGES = {"plan_details", "plan_step", "plan_share_preview", "plan_delete"}


def _url(name, plan):
    namespace, pattern = PATTERNS[name]
    kwargs = {key: EXTRA_ARGUMENTS[key] for key in pattern.pattern.converters if key != "pk"}
    method = "post" if name in ACTION_URLS else "get"
    return method, reverse(f"{namespace}:{name}", kwargs={"pk": plan.pk, **kwargs})


@pytest.mark.parametrize("name", PLAN_URL_NAMES)
def test_utrecht_gets_404_on_every_url_of_a_delft_plan(client, bob, delft_plan, name):
    client.force_login(bob)
    _, url = _url(name, delft_plan)
    assert client.get(url).status_code in (404, 405)
    response = client.post(url, {"action": "publish", "archive": "1", "revision": "1"})
    assert response.status_code in (404, 405)
    assert 404 in (client.get(url).status_code, response.status_code)
    delft_plan.refresh_from_db()
    assert not delft_plan.is_example_plan and not delft_plan.is_archived


def test_delft_plans_never_appear_in_utrechts_list(client, bob, delft_plan, utrecht_plan):
    client.force_login(bob)
    page = client.get(reverse("wizard:plan_list")).content.decode()
    assert "Ouders in Kanaleneiland" in page
    assert "Weerbaar opvoeden Delft-Noord" not in page
    assert "Utrecht heeft 1 plan van aanpak" in page


def test_a_voorbeeldplan_is_readable_and_copyable_but_not_editable_until_withdrawn(
    client, alice, bob, delft_plan
):
    services.set_sharing(delft_plan, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(reverse("wizard:plan_list")).content.decode()
    assert "Weerbaar opvoeden Delft-Noord" in page
    assert "Utrecht heeft 0 plannen van aanpak" in page  # not counted as Utrecht's own

    for name in READ_URLS:
        assert client.get(_url(name, delft_plan)[1]).status_code == 200
    for name in TEAM_URLS:
        assert client.get(_url(name, delft_plan)[1]).status_code == 404
    for name in sorted((ACTION_URLS | EDIT_PAGES) - {"plan_duplicate"}):
        method, url = _url(name, delft_plan)
        assert getattr(client, method)(url).status_code == 403, name

    response = client.post(reverse("wizard:plan_duplicate", args=[delft_plan.pk]))
    copy = bob.municipality.plans.get()
    assert response.url == copy.get_absolute_url()
    assert copy.title == "Kopie van Weerbaar opvoeden Delft-Noord"
    assert not copy.is_example_plan

    services.set_sharing(delft_plan, alice, is_example_plan=False)
    page = client.get(reverse("wizard:plan_list")).content.decode()
    assert delft_plan.get_absolute_url() not in page
    assert client.get(delft_plan.get_absolute_url()).status_code == 404


def test_an_archived_voorbeeldplan_is_no_longer_readable_by_other_municipalities(
    client, alice, bob, delft_plan
):
    services.set_sharing(delft_plan, alice, is_example_plan=True)
    client.force_login(bob)
    assert client.get(delft_plan.get_absolute_url()).status_code == 200

    services.set_archived(delft_plan, alice, True)
    assert client.get(delft_plan.get_absolute_url()).status_code == 404
    assert (
        delft_plan.get_absolute_url()
        not in client.get(reverse("wizard:plan_list")).content.decode()
    )
    response = client.post(reverse("wizard:plan_duplicate", args=[delft_plan.pk]))
    assert response.status_code == 404
    assert not bob.municipality.plans.exists()

    client.force_login(alice)  # Delft itself still has it, in its archive
    assert client.get(delft_plan.get_absolute_url()).status_code == 200


def test_ess_reads_a_plan_only_while_it_is_shared_with_ess(client, alice, ess_user, delft_plan):
    client.force_login(ess_user)
    assert client.get(delft_plan.get_absolute_url()).status_code == 404
    services.set_sharing(delft_plan, alice, shared_with_ess=True)
    assert client.get(delft_plan.get_absolute_url()).status_code == 200
    assert (
        "Weerbaar opvoeden Delft-Noord" in client.get(reverse("wizard:plan_list")).content.decode()
    )
    step = reverse("wizard:plan_step", args=[delft_plan.pk, "doelen"])
    assert client.get(step).status_code == 403
    services.set_sharing(delft_plan, alice, shared_with_ess=False)
    assert client.get(delft_plan.get_absolute_url()).status_code == 404


def test_a_lezer_reads_but_cannot_edit_and_sees_no_edit_buttons(client, dirk, delft_plan):
    client.force_login(dirk)
    page = client.get(delft_plan.get_absolute_url()).content.decode()
    assert "Weerbaar opvoeden Delft-Noord" in page
    assert "Verder invullen" not in page and "Gegevens bewerken" not in page
    assert "Publiceren als voorbeeldplan" not in page and "Concept verwijderen" not in page
    assert "Nieuw plan van aanpak" not in client.get(reverse("wizard:plan_list")).content.decode()
    assert client.get(reverse("wizard:plan_create")).status_code == 403
    for name in sorted(ACTION_URLS | EDIT_PAGES):
        method, url = _url(name, delft_plan)
        assert getattr(client, method)(url).status_code == 403, name


def test_anonymous_visitors_are_sent_to_the_login_page(client, delft_plan):
    response = client.get(delft_plan.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
