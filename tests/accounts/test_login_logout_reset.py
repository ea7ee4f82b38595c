"""Logging in and out, resetting a password, and the lock-out after too many tries."""

import re

from django.urls import reverse

from tests.conftest import PASSWORD


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_is_dutch_and_labels_its_fields(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "<h1>Inloggen</h1>" in page
    assert '<label class="form-label fw-semibold" for="id_username">Gebruikersnaam' in page
    assert 'for="id_password">Wachtwoord' in page
    assert "Wachtwoord vergeten?" in page


def test_a_redacteur_logs_in_and_lands_on_mijn_plannen(client, alice):
    response = login(client, alice.username, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("wizard:plan_list")


def test_a_wrong_password_gets_a_dutch_message_tied_to_the_form(client, alice):
    response = login(client, alice.username, "verkeerd-wachtwoord")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in page
    assert 'role="alert"' in page


def test_logout_needs_a_post_so_a_link_cannot_log_anyone_out(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("wizard:plan_list")).status_code == 302


def test_the_sixth_wrong_try_is_refused_with_the_lockout_message(client, alice):
    for _ in range(5):
        login(client, alice.username, "verkeerd-wachtwoord")
    response = login(client, alice.username, "verkeerd-wachtwoord")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in page
    assert "over 15 minuten opnieuw" in page
    # Even the right password is refused while the lock lasts.
    assert (
        "Inloggen is tijdelijk geblokkeerd"
        in login(client, alice.username, PASSWORD).content.decode()
    )


def test_password_reset_mails_a_dutch_link_that_sets_a_new_password(client, alice, mailoutbox):
    alice.email = "alice@delft.example.nl"
    alice.save()
    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert "Kijk in uw e-mail" in client.get(response.url).content.decode()

    mail = mailoutbox[0]
    assert mail.subject == "Nieuw wachtwoord voor het EBW portal"
    assert "Uw gebruikersnaam is: alice-delft" in mail.body
    link = re.search(r"https?://[^/]+(/\S+)", mail.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    new_password = "Een-nieuw-wachtwoord-2027"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(new_password)


def test_a_too_short_new_password_is_refused_next_to_the_field(client, alice, mailoutbox):
    alice.email = "alice@delft.example.nl"
    alice.save()
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = re.search(r"https?://[^/]+(/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"}
    )
    page = response.content.decode()
    # Django's Dutch catalogue lacks this message; the project's locale/ translates it.
    assert "12" in page and 'id="id_new_password2_error"' in page
    assert 'aria-invalid="true"' in page


def test_admin_manages_users_and_municipalities(admin_client, alice):
    users = admin_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "alice-delft" in users and "Delft" in users
    change = admin_client.get(reverse("admin:accounts_user_change", args=[alice.pk]))
    assert "Gemeente en rol" in change.content.decode()
    municipalities = admin_client.get(reverse("admin:accounts_municipality_changelist"))
    assert "GM0503" in municipalities.content.decode()


def test_municipal_users_cannot_open_the_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert (
        "Beheer" not in client.get(reverse("wizard:plan_list")).content.decode().split("</nav>")[0]
    )
