"""No open redirects: a link to the portal can never send a user on to another site after
logging in or out, switching language, or saving a step of the wizard."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

# Ways to write another site as a "next" address, including those browsers normalise.
OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "http://testserver@evil.example/",
    " https://evil.example/",
    "javascript:alert(1)",
]


def assert_stays_on_site(response):
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.scheme == "" and target.netloc == "", response.url
    assert response.url.startswith("/") and not response.url.startswith(("//", "/\\"))


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_login_ignores_a_next_address_on_another_site(client, alice, next_url):
    url = reverse("accounts:login") + "?" + f"next={next_url}"
    response = client.post(url, {"username": alice.username, "password": PASSWORD})
    assert_stays_on_site(response)
    assert response.url == reverse("wizard:plan_list")


def test_login_form_does_not_carry_an_off_site_next_address(client, db):
    page = client.get(reverse("accounts:login"), {"next": "https://evil.example/"})
    assert '<input type="hidden" name="next" value="">' in page.content.decode()


def test_a_logged_in_user_opening_the_login_page_is_not_sent_off_site(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:login"), {"next": "https://evil.example/"})
    assert_stays_on_site(response)


def test_admin_login_ignores_a_next_address_on_another_site(client, django_user_model):
    django_user_model.objects.create_superuser("beheerder", "b@ess.example.nl", PASSWORD)
    url = reverse("admin:login") + "?next=https://evil.example/"
    response = client.post(url, {"username": "beheerder", "password": PASSWORD})
    assert_stays_on_site(response)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_logout_ignores_a_next_address_on_another_site(client, alice, next_url):
    client.force_login(alice)
    response = client.post(reverse("accounts:logout"), {"next": next_url})
    assert_stays_on_site(response)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_the_language_switch_ignores_a_next_address_on_another_site(client, db, next_url):
    response = client.get("/taal/en/", {"volgende": next_url})
    assert_stays_on_site(response)


def test_the_language_switch_ignores_an_off_site_referer(client, db):
    response = client.get("/taal/en/", headers={"referer": "https://evil.example/pagina"})
    assert_stays_on_site(response)


def test_the_language_switch_returns_to_the_page_it_came_from(client, db):
    response = client.get("/taal/en/", {"volgende": "/zoeken/?q=ouders"})
    assert response.url == "/zoeken/?q=ouders"


def test_saving_a_step_with_a_next_field_stays_in_the_wizard(client, alice, delft_plan):
    client.force_login(alice)
    url = reverse("wizard:plan_step", args=[delft_plan.pk, "doelen"])
    response = client.post(
        url,
        {
            "revision": delft_plan.revision,
            "next": "https://evil.example/",
            "subdoel-TOTAL_FORMS": "0",
            "subdoel-INITIAL_FORMS": "0",
        },
    )
    assert_stays_on_site(response)
    assert response.url.startswith(f"/plannen/{delft_plan.pk}/")


def test_adopting_an_element_with_an_off_site_section_returns_to_the_plan(
    client, alice, delft_plan
):
    client.force_login(alice)
    url = reverse("wizard:element_adopt", args=[delft_plan.pk, "werven-via-sleutelfiguren-test"])
    response = client.post(url, {"note": "", "section": "https://evil.example/"})
    assert_stays_on_site(response)
    assert response.url.startswith(delft_plan.get_absolute_url())
