"""Shared test set-up: PostgreSQL (never SQLite), two municipalities whose data must
stay apart (Delft and Utrecht), and Playwright driving Debian's Chromium."""

import os

import pytest
from django.core.management import call_command

# live_server + Playwright's sync API run the ORM inside an event loop thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Veilig-wachtwoord-2026"  # every test user's (tests/factories.py)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so cached evidence or query counts from
    one test never carry over into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def catalogue(db):
    """The real catalogue fixtures, as shipped."""
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)


@pytest.fixture
def delft(db):
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(name="Delft", cbs_code="GM0503")


@pytest.fixture
def utrecht(db):
    from tests.factories import MunicipalityFactory

    return MunicipalityFactory(name="Utrecht", cbs_code="GM0344")


@pytest.fixture
def alice(delft):
    """Redacteur in Delft."""
    from tests.factories import UserFactory

    return UserFactory(username="alice-delft", municipality=delft, role="redacteur")


@pytest.fixture
def dirk(delft):
    """Lezer in Delft."""
    from tests.factories import UserFactory

    return UserFactory(username="dirk-delft", municipality=delft, role="lezer")


@pytest.fixture
def bob(utrecht):
    """Redacteur in Utrecht."""
    from tests.factories import UserFactory

    return UserFactory(username="bob-utrecht", municipality=utrecht, role="redacteur")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }
