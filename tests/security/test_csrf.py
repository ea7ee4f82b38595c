"""CSRF everywhere: no view of the portal is exempt, and a POST without a token is refused
with 403 on every URL a logged-in user can post to, before anything is written."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from checklists.models import PlanOfApproach
from checklists.models.evaluation_plan import PlannedEvaluation
from tests.conftest import PASSWORD
from tests.security.conftest import all_routes, municipal_data_snapshot

# The portal's own URLs (the admin's come from Django and are tested through its login).
PORTAL_ROUTES = [
    (route, namespace, name)
    for route, namespace, name, _pattern, _view in all_routes()
    if not route.startswith(("beheer/", "^media/"))
]


def test_no_view_of_the_portal_or_its_admin_is_exempt_from_csrf(db):
    exempt = [route for route, *_rest, view in all_routes() if getattr(view, "csrf_exempt", 0)]
    assert exempt == []


# Input that the portal's forms would accept with a token.
EVERY_FORMS_INPUT = {
    "title": "Aangepast zonder token",
    "a-hoofddoel": "Overschreven zonder token",
    "action": "publish",
    "archive": "1",
    "kind": "procesevaluatie",
    "language": "en",
    "next": "/",
    "revision": "1",
}


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def delft_objects(delft_plan, parenting, alice, carla):
    """A value for every URL argument of the portal, each naming something of Delft."""
    from interventions.models import EffectiveElement

    effect = PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")
    goal = delft_plan.sub_goals.create(description="Ouders bereikt", indicator="aantal ouders")
    objects = {
        "pk": delft_plan.pk,
        "evaluation_pk": effect.pk,
        "sub_goal_pk": goal.pk,
        "section_slug": "doelen",
        "element_slug": EffectiveElement.objects.get().slug,
        "audience": "voorbeeldplan",
        "slug": parenting.slug,
        "uidb64": "MQ",
        "token": "set-password",
        "code": "en",
    }
    try:
        from checklists.models.review import PlanReview
    except ImportError:  # the reviewer flow is not there yet
        return objects
    review = PlanReview.objects.create(
        plan=delft_plan, reviewer=alice, reviewer_role="betrokkene", invited_by=carla
    )
    objects["review_pk"] = review.pk
    return objects


def _reverse(namespace, name, route, objects):
    kwargs = {key: objects[key] for key in re.findall(r"<(?:\w+:)?(\w+)>", route)}
    return reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)


def test_a_post_without_csrf_token_is_refused_on_every_url_and_writes_nothing(
    csrf_client, alice, delft_objects
):
    """As the plan's own redacteur, so that the same POST with a token would be allowed.
    One test walks every URL (one set-up instead of one per URL); it names those that fail."""
    csrf_client.force_login(alice)
    before = municipal_data_snapshot()
    accepted = []
    for route, namespace, name in PORTAL_ROUTES:
        url = _reverse(namespace, name, route, delft_objects)
        response = csrf_client.post(url, EVERY_FORMS_INPUT)
        if response.status_code != 403:
            accepted.append((url, response.status_code))
    assert accepted == []
    assert municipal_data_snapshot() == before
    assert SESSION_KEY in csrf_client.session  # not logged out either


def test_the_same_post_with_its_token_is_accepted(csrf_client, alice, delft_plan):
    """The refusal above is CSRF protection, not a broken form."""
    csrf_client.force_login(alice)
    page = csrf_client.get(reverse("wizard:plan_detail", args=[delft_plan.pk]))
    token = page.context["csrf_token"]
    response = csrf_client.post(
        reverse("wizard:plan_share", args=[delft_plan.pk]),
        {"action": "publish", "confirm": "1", "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302
    assert PlanOfApproach.objects.get(pk=delft_plan.pk).is_example_plan


def test_htmx_autosave_without_the_csrf_header_is_refused(csrf_client, alice, delft_plan):
    csrf_client.force_login(alice)
    url = reverse("wizard:plan_step_autosave", args=[delft_plan.pk, "doelen"])
    response = csrf_client.post(
        url, {"a-hoofddoel": "Zonder header", "revision": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert not delft_plan.answers.exists()


def test_login_without_csrf_token_does_not_log_in(csrf_client, alice):
    response = csrf_client.post(
        reverse("accounts:login"), {"username": alice.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert SESSION_KEY not in csrf_client.session


def test_admin_login_without_csrf_token_does_not_log_in(csrf_client, django_user_model):
    django_user_model.objects.create_superuser("beheerder", "b@ess.example.nl", PASSWORD)
    response = csrf_client.post(
        reverse("admin:login"), {"username": "beheerder", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert SESSION_KEY not in csrf_client.session


def test_an_admin_change_without_csrf_token_is_refused(csrf_client, django_user_model, delft):
    admin = django_user_model.objects.create_superuser("beheerder", "b@ess.example.nl", PASSWORD)
    csrf_client.force_login(admin)
    url = reverse("admin:accounts_municipality_change", args=[delft.pk])
    response = csrf_client.post(url, {"name": "Gekaapt", "cbs_code": "GM0503"})
    assert response.status_code == 403
    delft.refresh_from_db()
    assert delft.name == "Delft"


def test_logout_without_csrf_token_keeps_the_user_logged_in(csrf_client, alice):
    csrf_client.force_login(alice)
    assert csrf_client.post(reverse("accounts:logout")).status_code == 403
    assert csrf_client.get(reverse("wizard:plan_list")).status_code == 200


def test_the_language_switch_is_a_link_that_sets_only_the_language(csrf_client, db):
    """A link needs no token (so public pages carry none) and can change nothing else."""
    response = csrf_client.get("/taal/en/", {"volgende": "/"})
    assert response.status_code == 302
    assert set(response.cookies) == {"django_language"}
    assert 'lang="en"' in csrf_client.get("/").content.decode()
    refused = csrf_client.post("/taal/nl/")
    assert refused.status_code in (403, 405) and not refused.cookies


def test_password_reset_without_csrf_token_sends_no_mail(csrf_client, alice, mailoutbox):
    alice.email = "alice@delft.example.nl"
    alice.save()
    response = csrf_client.post(reverse("accounts:password_reset"), {"email": alice.email})
    assert response.status_code == 403
    assert mailoutbox == []
