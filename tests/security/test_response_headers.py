"""Security headers and cookies on representative pages: public, logged-in, the admin,
the plan's PDF and its preview, and a report download; and the cookie flags that the
production settings (DEBUG off) switch on. The policy itself is checked in
test_headers_and_deploy.py."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def assert_protected(response):
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", "b@ess.example.nl", PASSWORD)


def test_public_pages_login_and_admin_login_carry_the_headers(client, db):
    for url in ("/", reverse("search") + "?q=ouders", reverse("accounts:login"), "/beheer/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)


def test_logged_in_plan_pages_carry_the_headers(client, alice, delft_plan):
    client.force_login(alice)
    for url in (
        reverse("wizard:plan_list"),
        delft_plan.get_absolute_url(),
        reverse("wizard:plan_step", args=[delft_plan.pk, "doelen"]),
        reverse("evaluation_plan:overview", args=[delft_plan.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)


def test_no_cache_keeps_a_page_shown_to_a_logged_in_user(client, alice, delft_plan):
    """After logging out on a shared computer, Back must not show the plan again."""
    client.force_login(alice)
    for url in (
        reverse("wizard:plan_list"),
        delft_plan.get_absolute_url(),
        reverse("wizard:plan_history", args=[delft_plan.pk]),
        reverse("wizard:plan_step", args=[delft_plan.pk, "doelen"]),
        reverse("evaluation_plan:overview", args=[delft_plan.pk]),
        "/",
    ):
        directives = client.get(url).headers["Cache-Control"].replace(" ", "").split(",")
        assert {"private", "no-store"} <= set(directives), url


def test_public_pages_for_visitors_stay_cacheable(client, db):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def test_admin_pages_carry_the_headers(client, superuser, delft_plan):
    client.force_login(superuser)
    for url in (
        reverse("admin:index"),
        reverse("admin:checklists_planofapproach_changelist"),
        reverse("admin:evaluations_evaluation_import"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response)


def test_the_plan_pdf_is_a_private_download_that_no_cache_keeps(client, alice, delft_plan):
    cache.clear()
    client.force_login(alice)
    response = client.get(reverse("pdf:plan_pdf", args=[delft_plan.pk]))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith('.pdf"')
    assert set(response.headers["Cache-Control"].replace(" ", "").split(",")) >= {
        "private",
        "no-store",
    }
    assert_protected(response)
    cache.clear()


def test_the_pdf_file_name_carries_no_characters_that_break_the_header(client, alice, delft_plan):
    from checklists.wizard import services

    title = 'Plan "x"; filename=evil.html\r\nSet-Cookie: a=b'
    services.save_details(delft_plan, alice, expected_revision=delft_plan.revision, title=title)
    cache.clear()
    client.force_login(alice)
    response = client.get(reverse("pdf:plan_pdf", args=[delft_plan.pk]))
    disposition = response.headers["Content-Disposition"]
    assert disposition.count('"') == 2 and "\n" not in disposition and ";" not in disposition[22:]
    assert "a" not in response.cookies
    cache.clear()


def test_the_pdf_preview_is_not_cached_and_keeps_the_strict_policy(client, alice, delft_plan):
    client.force_login(alice)
    response = client.get(reverse("pdf:plan_pdf_preview", args=[delft_plan.pk]))
    assert "no-store" in response.headers["Cache-Control"]
    assert_protected(response)


def test_the_session_cookie_is_http_only_and_same_site(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": alice.username, "password": PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_logging_in_gives_a_new_session_id(client, alice):
    """No session fixation: an id planted before logging in is worthless after."""
    client.get(reverse("accounts:login"))
    session = client.session
    session["bezocht"] = True
    session.save()
    planted = session.session_key
    client.post(reverse("accounts:login"), {"username": alice.username, "password": PASSWORD})
    assert client.session.session_key != planted


def _production_values():
    """The cookie and transport settings as production (DEBUG off) reads them."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "p" * 20 + "-a-long-random-production-secret-" + "q" * 20,
        "DJANGO_ALLOWED_HOSTS": "ebw.example.nl",
    }
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "DEBUG",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_send_cookies_only_over_https():
    values = _production_values()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_secure_cookies_get_the_secure_flag(client, alice, settings):
    """What the production values above do to a real log-in."""
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    client.get(reverse("accounts:login"), secure=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": alice.username, "password": PASSWORD},
        secure=True,
    )
    assert response.cookies["sessionid"]["secure"] is True
    assert client.cookies["csrftoken"]["secure"] is True
