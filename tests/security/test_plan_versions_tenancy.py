"""Versions of a shared plan: another municipality reading one version that Delft shared
learns nothing about the versions Delft did not share (not even that they exist)."""

import datetime

import pytest

from checklists.models import PlanOfApproach
from checklists.wizard import services

FINALISED = datetime.datetime(2027, 1, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture
def two_versions(delft_plan, alice):
    """Version 1 (definitief) and version 2 (concept) of Delft's plan."""
    PlanOfApproach.objects.filter(pk=delft_plan.pk).update(
        status="definitief", finalised_at=FINALISED
    )
    delft_plan.refresh_from_db()
    return delft_plan, services.new_version_from_definitive(delft_plan, alice)


def test_a_shared_version_does_not_list_the_unshared_earlier_version(
    client, alice, bob, two_versions
):
    first, second = two_versions
    services.set_sharing(second, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Weerbaar opvoeden Delft-Noord" in page
    assert first.get_absolute_url() not in page
    assert "15 januari 2027" not in page


def test_a_shared_version_does_not_announce_the_unshared_newer_version(
    client, alice, bob, two_versions
):
    first, second = two_versions
    services.set_sharing(first, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Weerbaar opvoeden Delft-Noord" in page
    assert second.get_absolute_url() not in page
    assert "nieuwere versie" not in page


def test_ess_sees_only_the_versions_shared_with_it(client, alice, ess_user, two_versions):
    first, second = two_versions
    services.set_sharing(second, alice, shared_with_ess=True)
    client.force_login(ess_user)
    page = client.get(second.get_absolute_url()).content.decode()
    assert first.get_absolute_url() not in page


def test_delft_itself_still_sees_all_its_versions(client, dirk, two_versions):
    first, second = two_versions
    client.force_login(dirk)
    assert first.get_absolute_url() in client.get(second.get_absolute_url()).content.decode()
    newer = client.get(first.get_absolute_url()).content.decode()
    assert second.get_absolute_url() in newer and "nieuwere versie" in newer
