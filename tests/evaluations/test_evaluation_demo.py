"""The shipped demo evaluations: loadable, idempotent, and honest about examples."""

import pytest
from django.core.management import call_command

from evaluations.demo import create_demo
from evaluations.models import Evaluation

FIXTURE = "fixtures/20_evaluations.json"


@pytest.fixture
def demo_evaluations(catalogue):
    call_command("loaddata", FIXTURE, verbosity=0)


def test_every_example_is_marked_in_flag_and_title(demo_evaluations):
    examples = Evaluation.objects.filter(is_example=True)
    assert examples.count() >= 4
    assert all(e.title.startswith("Voorbeeld:") for e in examples)
    assert all(e.is_example for e in Evaluation.objects.filter(title__startswith="Voorbeeld"))


def test_the_real_studies_name_their_source(demo_evaluations):
    real = Evaluation.objects.filter(is_example=False)
    assert {e.evaluator for e in real} == {"Regioplan", "A.G. Advies", "RAND Europe"}
    assert all("Bron" in e.findings for e in real)


def test_loading_the_fixture_twice_does_not_duplicate(demo_evaluations):
    count = Evaluation.objects.count()
    call_command("loaddata", FIXTURE, verbosity=0)
    assert Evaluation.objects.count() == count


def test_the_demo_curator_can_log_in_and_create_demo_is_idempotent(client, db):
    logins = create_demo()
    assert create_demo() == logins
    username, password, description = logins[0]
    assert username == "ess-curator" and "curator" in description.lower()
    client.post("/beheer/login/", {"username": username, "password": password})
    assert "_auth_user_id" in client.session
    assert client.get("/beheer/evaluations/evaluation/import/").status_code == 200


def test_no_demo_municipal_account_can_reach_the_admin(client, db):
    from ebw_portal.accounts import demo as accounts_demo
    from ebw_portal.accounts.models import User

    logins = dict((u, p) for u, p, _d in accounts_demo.create_demo())
    create_demo()
    municipal = User.objects.filter(role__in=["redacteur", "lezer"])
    assert municipal.exists()
    assert not municipal.filter(is_staff=True).exists()
    assert User.objects.get(username="ess-curator").is_staff
    username = municipal.first().username
    client.post("/beheer/login/", {"username": username, "password": logins[username]})
    assert "_auth_user_id" not in client.session
