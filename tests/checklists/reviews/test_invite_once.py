"""Inviting a reviewer, clicked twice or by two colleagues at once: one invitation, one
e-mail, no error page, and the second click hears the invitation was sent."""

from django.test import Client
from django.urls import reverse

from checklists.models.review import PlanReview
from tests.checklists.races import second_while_first_is_uncommitted
from tests.factories import UserFactory

ALREADY_INVITED = "Evi Ess was al uitgenodigd; de uitnodiging is eerder verstuurd."


def _invite(browser, plan, reviewer):
    return browser.post(
        reverse("reviews:invite_reviewer", kwargs={"pk": plan.pk}),
        {"reviewer": reviewer.pk, "reviewer_role": "buitenstaander"},
    )


def _make_reviewer():
    return UserFactory(
        username="evi-ess", ess=True, first_name="Evi", last_name="Ess", email="evi@ess.example"
    )


def test_a_double_click_on_invite_sends_one_invitation_and_says_so(
    client, alice, delft_plan, mailoutbox, django_capture_on_commit_callbacks
):
    reviewer = _make_reviewer()
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        first = _invite(client, delft_plan, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(
            reverse("reviews:invite_reviewer", kwargs={"pk": delft_plan.pk}),
            {"reviewer": reviewer.pk, "reviewer_role": "buitenstaander"},
            follow=True,
        )

    assert first.status_code == 302
    page = second.content.decode()
    assert ALREADY_INVITED in page
    assert 'role="status"' in page
    assert PlanReview.objects.filter(plan=delft_plan, reviewer=reviewer).count() == 1
    assert [m.to for m in mailoutbox] == [["evi@ess.example"]]


def test_two_colleagues_inviting_the_same_reviewer_at_once_send_one_e_mail(
    transactional_db, alice, carla, delft_plan, mailoutbox
):
    reviewer = _make_reviewer()
    alices_browser, carlas_browser = Client(), Client()
    alices_browser.force_login(alice)
    carlas_browser.force_login(carla)

    first, second = second_while_first_is_uncommitted(
        lambda: _invite(alices_browser, delft_plan, reviewer),
        lambda: _invite(carlas_browser, delft_plan, reviewer),
    )

    assert first.status_code == second.status_code == 302
    assert PlanReview.objects.filter(plan=delft_plan, reviewer=reviewer).count() == 1
    assert [m.to for m in mailoutbox] == [["evi@ess.example"]]
    assert ALREADY_INVITED in carlas_browser.get(second.url).content.decode()
