"""Throttled logins (django-axes): a lock-out holds for one user name from one address,
also at the admin's login, and the password reset never tells whether an account exists.
(The basic lock-out of the portal's login is tested in tests/accounts.)"""

import re

from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import PASSWORD

LOCKED = "Inloggen is tijdelijk geblokkeerd"
HOME_ADDRESS = "192.0.2.10"  # documentation addresses (RFC 5737): only a WSGI value here
OTHER_ADDRESS = "198.51.100.20"


def _login(client, url, username, password, address=HOME_ADDRESS):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _lock_out(client, url, username):
    """Five wrong passwords: the first four are answered as wrong, the fifth starts the
    lock-out, so a sixth try is refused whatever its password."""
    for _ in range(4):
        assert LOCKED not in _login(client, url, username, "verkeerd").content.decode()
    assert LOCKED in _login(client, url, username, "verkeerd").content.decode()


def test_the_lock_out_holds_only_for_that_user_name_from_that_address(client, alice, bob):
    login_url = reverse("accounts:login")
    _lock_out(client, login_url, alice.username)
    refused = _login(client, login_url, alice.username, PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()

    # Another user at the same address, and the same user elsewhere, still get in:
    # a guesser cannot lock a whole office out, nor a colleague lock out Alice everywhere.
    assert _login(client, login_url, bob.username, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    response = _login(client, login_url, alice.username, PASSWORD, OTHER_ADDRESS)
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == alice.pk


def test_a_forged_forwarded_for_header_does_not_escape_the_lock_out(client, alice):
    """The address is the connection's own: a client cannot pick a fresh one per try."""
    login_url = reverse("accounts:login")
    _lock_out(client, login_url, alice.username)
    response = client.post(
        login_url,
        {"username": alice.username, "password": PASSWORD},
        REMOTE_ADDR=HOME_ADDRESS,
        HTTP_X_FORWARDED_FOR=OTHER_ADDRESS,
        HTTP_X_REAL_IP=OTHER_ADDRESS,
    )
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_admin_login_is_throttled_too(client, django_user_model):
    curator = django_user_model.objects.create_user(
        username="eva-ess", password=PASSWORD, role="ess", is_staff=True
    )
    admin_login = reverse("admin:login")
    _lock_out(client, admin_login, curator.username)
    response = _login(client, admin_login, curator.username, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert SESSION_KEY not in client.session


def test_wrong_passwords_at_the_portal_also_lock_the_admin_login(client, django_user_model):
    django_user_model.objects.create_user(
        username="eva-ess", password=PASSWORD, role="ess", is_staff=True
    )
    _lock_out(client, reverse("accounts:login"), "eva-ess")
    response = _login(client, reverse("admin:login"), "eva-ess", PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_guessing_at_an_unknown_user_name_is_throttled_like_a_real_one(client, db):
    login_url = reverse("accounts:login")
    _lock_out(client, login_url, "bestaat-niet")
    assert LOCKED in _login(client, login_url, "bestaat-niet", "verkeerd").content.decode()


def test_four_wrong_passwords_do_not_stop_the_right_one(client, alice):
    login_url = reverse("accounts:login")
    for _ in range(4):
        _login(client, login_url, alice.username, "verkeerd")
    assert _login(client, login_url, alice.username, PASSWORD).status_code == 302


def _without_csrf_tokens(response) -> str:
    """The page as the visitor reads it; each render masks the CSRF token anew."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())


def test_password_reset_answers_the_same_whether_or_not_the_account_exists(
    client, alice, mailoutbox
):
    alice.email = "alice@delft.example.nl"
    alice.save()
    reset = reverse("accounts:password_reset")
    known = client.post(reset, {"email": alice.email}, follow=True)
    unknown = client.post(reset, {"email": "niemand@delft.example.nl"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf_tokens(known) == _without_csrf_tokens(unknown)
    assert [mail.to for mail in mailoutbox] == [[alice.email]]


def test_a_forged_host_header_cannot_put_another_site_in_the_reset_mail(client, alice, mailoutbox):
    alice.email = "alice@delft.example.nl"
    alice.save()
    response = client.post(
        reverse("accounts:password_reset"), {"email": alice.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mailoutbox == []


def test_password_reset_sends_nothing_to_an_inactive_account(client, alice, mailoutbox):
    alice.email = "alice@delft.example.nl"
    alice.is_active = False
    alice.save()
    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert mailoutbox == []


def test_a_forged_reset_link_sets_no_password(client, alice):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    url = reverse(
        "accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": "vervalst-token"}
    )
    response = client.post(
        url,
        {"new_password1": "Gekaapt-wachtwoord-2026", "new_password2": "Gekaapt-wachtwoord-2026"},
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_login_does_not_tell_whether_a_user_name_exists(client, alice):
    login_url = reverse("accounts:login")
    known = _login(client, login_url, alice.username, "verkeerd")
    unknown = _login(client, login_url, "bestaat-niet", "verkeerd", OTHER_ADDRESS)
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf_tokens(known).replace(alice.username, "X") == _without_csrf_tokens(
        unknown
    ).replace("bestaat-niet", "X")


def test_a_deactivated_account_cannot_log_in(client, alice):
    alice.is_active = False
    alice.save()
    _login(client, reverse("accounts:login"), alice.username, PASSWORD)
    assert SESSION_KEY not in client.session
