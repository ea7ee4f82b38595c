"""'Nieuwe versie' of a definitief plan, clicked twice or by two colleagues at once:
one new version, no error page, and the second click opens that version."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from checklists.models import PlanOfApproach
from checklists.wizard import services
from tests.checklists.conftest import fill_completely
from tests.checklists.races import second_while_first_is_uncommitted


def _definitief(plan, user):
    fill_completely(plan, user)
    services.make_definitive(plan, user)
    plan.refresh_from_db()
    return plan


def _new_version_url(plan):
    return reverse("wizard:plan_new_version", kwargs={"pk": plan.pk})


def test_a_double_click_on_new_version_opens_the_version_made_by_the_first(
    client, alice, delft_plan
):
    plan = _definitief(delft_plan, alice)
    client.force_login(alice)
    first = client.post(_new_version_url(plan))
    second = client.post(_new_version_url(plan), follow=True)

    newer = PlanOfApproach.objects.get(previous_version=plan)
    assert first.url == newer.get_absolute_url()
    assert second.redirect_chain[-1][0] == newer.get_absolute_url()
    assert (
        "Van deze versie bestaat al een nieuwere versie (versie 2); die ziet u nu."
        in second.content.decode()
    )
    assert 'role="status"' in second.content.decode()
    assert PlanOfApproach.objects.filter(previous_version=plan).count() == 1


def test_two_colleagues_making_a_new_version_at_once_get_the_same_one(
    transactional_db, alice, carla, delft_plan
):
    plan = _definitief(delft_plan, alice)
    alices_browser, carlas_browser = Client(), Client()
    alices_browser.force_login(alice)
    carlas_browser.force_login(carla)

    first, second = second_while_first_is_uncommitted(
        lambda: alices_browser.post(_new_version_url(plan)),
        lambda: carlas_browser.post(_new_version_url(plan)),
    )

    [newer] = PlanOfApproach.objects.filter(previous_version=plan)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == newer.get_absolute_url()
    page = carlas_browser.get(second.url).content.decode()
    assert "Van deze versie bestaat al een nieuwere versie (versie 2); die ziet u nu." in page


def test_the_database_refuses_a_second_newer_version(alice, delft_plan):
    plan = _definitief(delft_plan, alice)
    services.new_version_from_definitive(plan, alice)
    with pytest.raises(IntegrityError):
        PlanOfApproach.objects.create(
            municipality=plan.municipality,
            checklist=plan.checklist,
            title=plan.title,
            intervention_type=plan.intervention_type,
            version=3,
            previous_version=plan,
        )
