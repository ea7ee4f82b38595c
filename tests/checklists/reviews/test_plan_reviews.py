"""The second-reviewer flow of the plan evaluation: who may be invited (tenancy: never
someone of another municipality, except ESS), independent reviews, the comparison with
differences marked, and the agreed findings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from checklists.models import ChecklistItem, PlanChange
from checklists.models.review import PlanReview, PlanReviewOutcome
from checklists.reviews import services as reviews


@pytest.fixture
def carla(delft):
    """A second redacteur in Delft: the outsider of the team."""
    from ebw_portal.accounts.models import User

    return User.objects.create_user(
        username="carla-delft", password="x", municipality=delft, role="redacteur"
    )


def first_items(plan, n=2):
    return list(
        ChecklistItem.objects.filter(section__checklist_id=plan.checklist_id).order_by(
            "section__order", "order"
        )[:n]
    )


def test_a_colleague_and_an_ess_curator_can_be_invited(delft_plan, alice, carla, ess_user):
    reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    reviews.invite_reviewer(delft_plan, alice, ess_user, "buitenstaander")
    assert set(delft_plan.reviews.values_list("reviewer__username", flat=True)) == {
        "carla-delft",
        "eva-ess",
    }
    assert PlanChange.objects.filter(plan=delft_plan, action="review.invited").exists()


def test_nobody_from_another_municipality_can_be_invited(delft_plan, alice, bob):
    with pytest.raises(ValidationError, match="eigen gemeente"):
        reviews.invite_reviewer(delft_plan, alice, bob, "buitenstaander")
    assert bob not in reviews.invitable_reviewers(delft_plan)
    assert not PlanReview.objects.exists()


def test_only_the_plans_editors_invite(delft_plan, dirk, bob, carla):
    for inviter in (dirk, bob):
        with pytest.raises(PermissionDenied):
            reviews.invite_reviewer(delft_plan, inviter, carla, "buitenstaander")


def test_the_invite_list_offers_colleagues_and_ess_once(
    delft_plan, alice, carla, dirk, bob, ess_user
):
    reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    offered = set(reviews.invitable_reviewers(delft_plan))
    assert offered == {alice, dirk, ess_user}


def test_a_reviewer_saves_and_submits_alone(delft_plan, alice, carla):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    with pytest.raises(PermissionDenied):
        reviews.save_review(review, alice, {one.pk: "ja"}, {}, submit=False)
    reviews.save_review(review, carla, {one.pk: "ja"}, {two.pk: "Onduidelijk"}, submit=False)
    reviews.save_review(review, carla, {one.pk: "deels"}, {two.pk: "Onduidelijk"}, submit=True)
    review.refresh_from_db()
    assert review.is_submitted
    assert {a.item_id: a.verdict for a in review.answers.all()} == {one.pk: "deels", two.pk: ""}
    with pytest.raises(ValidationError, match="al ingediend"):
        reviews.save_review(review, carla, {one.pk: "nee"}, {}, submit=False)


def test_the_comparison_marks_where_the_two_reviews_differ(delft_plan, alice, carla):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    reviews.save_review(first, alice, {one.pk: "ja", two.pk: "ja"}, {}, submit=True)
    assert reviews.comparison(delft_plan) is None
    reviews.save_review(second, carla, {one.pk: "ja", two.pk: "nee"}, {}, submit=True)

    result = reviews.comparison(delft_plan)
    rows = {row.item.pk: row for _s, section_rows in result.sections for row in section_rows}
    assert not rows[one.pk].differs
    assert rows[two.pk].differs
    assert [a.verdict for a in rows[two.pk].answers] == ["ja", "nee"]
    assert result.difference_count == 1


def test_findings_are_recorded_only_after_two_reviews(delft_plan, alice, carla):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    reviews.save_review(first, alice, {}, {}, submit=True)
    with pytest.raises(ValidationError, match="twee beoordelingen"):
        reviews.record_outcome(
            delft_plan, alice, findings="x", improvements="", approved=False, approved_by=""
        )
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    reviews.save_review(second, carla, {}, {}, submit=True)
    reviews.record_outcome(
        delft_plan,
        alice,
        findings="De doelgroep is niet scherp.",
        improvements="Doelgroep per wijk beschrijven.",
        approved=True,
        approved_by="Wethouder",
    )
    outcome = PlanReviewOutcome.objects.get(plan=delft_plan)
    assert outcome.approved and outcome.findings == "De doelgroep is niet scherp."


# --- pages ------------------------------------------------------------------------------


def reviews_url(plan):
    return reverse("reviews:team_reviews", kwargs={"pk": plan.pk})


def review_url(review):
    return reverse("reviews:review", kwargs={"review_pk": review.pk})


def test_inviting_through_the_page_and_refusing_another_municipality(
    client, alice, carla, bob, delft_plan
):
    client.force_login(alice)
    page = client.get(reviews_url(delft_plan)).content.decode()
    assert "carla-delft" in page or "Carla" in page
    assert "bob-utrecht" not in page
    response = client.post(
        reverse("reviews:invite_reviewer", kwargs={"pk": delft_plan.pk}),
        {"reviewer": bob.pk, "reviewer_role": "buitenstaander"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not PlanReview.objects.exists()
    response = client.post(
        reverse("reviews:invite_reviewer", kwargs={"pk": delft_plan.pk}),
        {"reviewer": carla.pk, "reviewer_role": "buitenstaander"},
    )
    assert response.status_code == 302
    assert PlanReview.objects.get().reviewer == carla


def invite_with_commit(client, plan, reviewer, capture_on_commit):
    """Invite as the inviter's browser does; the e-mail leaves after the commit."""
    with capture_on_commit(execute=True):
        return client.post(
            reverse("reviews:invite_reviewer", kwargs={"pk": plan.pk}),
            {"reviewer": reviewer.pk, "reviewer_role": "buitenstaander"},
            follow=True,
        )


def test_the_invited_reviewer_gets_an_e_mail_with_a_link_to_the_review(
    client, alice, carla, delft_plan, mailoutbox, django_capture_on_commit_callbacks
):
    carla.email = "carla@delft.example.nl"
    carla.save()
    delft_plan.title = "Ouders & <jongeren> samen"  # plain text mail: nothing escaped
    delft_plan.save()
    client.force_login(alice)
    response = invite_with_commit(client, delft_plan, carla, django_capture_on_commit_callbacks)
    assert "De beoordelaar krijgt een e-mail met de link" in response.content.decode()

    [mail] = mailoutbox
    review = PlanReview.objects.get()
    assert mail.to == ["carla@delft.example.nl"]
    assert delft_plan.title in mail.subject
    link = f"http://testserver{review_url(review)}"
    assert link in mail.body
    assert "Alice" in mail.body and "Delft" in mail.body

    client.force_login(carla)
    assert client.get(link).status_code == 200


def test_a_reviewer_without_an_e_mail_address_is_invited_without_one(
    client, alice, carla, delft_plan, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    response = invite_with_commit(client, delft_plan, carla, django_capture_on_commit_callbacks)
    assert "er is geen e-mailadres bekend" in response.content.decode()
    assert mailoutbox == []
    assert PlanReview.objects.get().reviewer == carla


def test_an_ess_reviewer_reads_the_plan_through_the_review_only(
    client, alice, ess_user, delft_plan
):
    review = reviews.invite_reviewer(delft_plan, alice, ess_user, "buitenstaander")
    client.force_login(ess_user)
    assert client.get(delft_plan.get_absolute_url()).status_code == 404
    page = client.get(review_url(review))
    assert page.status_code == 200
    assert delft_plan.title in page.content.decode()
    assert review in client.get(reverse("reviews:my_reviews")).context["reviews"]


def test_nobody_else_opens_a_review(client, alice, bob, carla, delft_plan):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    for user in (alice, bob):
        client.force_login(user)
        assert client.get(review_url(review)).status_code == 404
    client.force_login(bob)
    assert client.get(reviews_url(delft_plan)).status_code == 404


def test_a_reviewer_who_moved_to_another_municipality_loses_the_review(
    client, alice, carla, delft_plan, utrecht
):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    carla.municipality = utrecht
    carla.save()
    client.force_login(carla)
    assert client.get(review_url(review)).status_code == 404
    assert review not in client.get(reverse("reviews:my_reviews")).context["reviews"]


def test_a_reviewer_fills_in_and_submits_through_the_page(client, alice, carla, delft_plan):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    client.force_login(carla)
    response = client.post(
        review_url(review),
        {f"oordeel-{one.pk}": "nee", f"toelichting-{one.pk}": "Geen cijfers", "submit": "1"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_submitted
    assert review.answers.get(item=one).note == "Geen cijfers"


def test_the_team_sees_the_reviews_side_by_side_and_records_findings(
    client, alice, carla, delft_plan, django_assert_max_num_queries
):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    reviews.save_review(first, alice, {one.pk: "ja", two.pk: "ja"}, {}, submit=True)
    reviews.save_review(second, carla, {one.pk: "ja", two.pk: "nee"}, {two.pk: "Vaag"}, True)
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        html = client.get(reviews_url(delft_plan)).content.decode()
    assert html.count('class="review-differs"') == 1
    assert "Vaag" in html
    response = client.post(
        reverse("reviews:record_outcome", kwargs={"pk": delft_plan.pk}),
        {"findings": "Doelgroep scherper", "improvements": "", "approved_by": ""},
    )
    assert response.status_code == 302
    assert PlanReviewOutcome.objects.get(plan=delft_plan).findings == "Doelgroep scherper"


def test_a_submitted_review_shows_the_verdicts_and_can_no_longer_change(
    client, alice, carla, delft_plan
):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    (one,) = first_items(delft_plan, 1)
    reviews.save_review(review, carla, {one.pk: "nee"}, {one.pk: "Geen cijfers"}, submit=True)
    client.force_login(carla)
    html = client.get(review_url(review)).content.decode()
    assert "ontbreekt of onvoldoende — Geen cijfers" in html
    assert "Indienen" not in html
    client.post(review_url(review), {f"oordeel-{one.pk}": "ja", "submit": "1"})
    assert review.answers.get(item=one).verdict == "nee"


@pytest.mark.parametrize("colleagues", [2, 6])
def test_the_review_pages_take_a_fixed_number_of_queries(
    client, alice, delft, delft_plan, django_assert_max_num_queries, colleagues
):
    from ebw_portal.accounts.models import User

    items = first_items(delft_plan, 6)
    for i in range(colleagues):
        user = User.objects.create_user(
            username=f"collega-{i}", password="x", municipality=delft, role="lezer"
        )
        review = reviews.invite_reviewer(delft_plan, alice, user, "buitenstaander")
        reviews.save_review(review, user, {item.pk: "deels" for item in items}, {}, submit=True)
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        assert client.get(reviews_url(delft_plan)).status_code == 200
    client.force_login(user)
    with django_assert_max_num_queries(14):
        assert client.get(review_url(review)).status_code == 200
