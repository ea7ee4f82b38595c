"""A user name longer than any account's is an invalid login like any other, on the
portal's login page and on the admin's: the usual message, never a server error."""

from django.urls import reverse

from ebw_portal.accounts.forms import USERNAME_MAX_LENGTH
from tests.conftest import PASSWORD
from tests.factories import UserFactory

TOO_LONG = "a" * 256


def test_a_256_character_user_name_gets_the_usual_invalid_login_message(client, alice):
    response = client.post(reverse("accounts:login"), {"username": TOO_LONG, "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in page
    assert 'role="alert"' in page
    assert f'maxlength="{USERNAME_MAX_LENGTH}"' in page


def test_a_256_character_user_name_on_the_admin_login_gets_the_usual_message(client, db):
    response = client.post(reverse("admin:login"), {"username": TOO_LONG, "password": PASSWORD})
    assert response.status_code == 200
    assert "stafaccount" in response.content.decode()


def test_a_user_name_of_the_longest_allowed_length_can_still_log_in(client, delft):
    longest = UserFactory(username="l" * USERNAME_MAX_LENGTH, municipality=delft)
    response = client.post(
        reverse("accounts:login"), {"username": longest.username, "password": PASSWORD}
    )
    assert response.status_code == 302
