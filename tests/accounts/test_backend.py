"""Logged-in pages show the user's municipality in the header on every request."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_logged_in_user_comes_with_the_municipality_in_one_query(
    client, alice, django_assert_num_queries
):
    from django.contrib.auth import get_user

    client.force_login(alice)
    session = client.session
    session.items()  # the session itself is loaded before counting
    request = type("Request", (), {"session": session})()
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user.municipality.name == "Delft"


def test_a_deactivated_user_is_logged_out(client, alice):
    client.force_login(alice)
    alice.is_active = False
    alice.save()
    assert client.get("/plannen/").status_code == 302
