"""The second-reviewer flow of the plan evaluation: who may be invited (tenancy: never
someone of another municipality, except ESS), independent reviews, the comparison with
differences marked, and the agreed findings."""

import html as html_module
import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
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


def skip_the_rest(plan, answered) -> dict:
    """An explicit "ik sla deze over" for every active question not in `answered`."""
    items = ChecklistItem.objects.filter(section__checklist_id=plan.checklist_id, is_active=True)
    return {item.pk: True for item in items if item.pk not in answered}


def submit(review, user, verdicts, notes=None):
    """Submit a review with verdicts on some questions, deliberately skipping the rest."""
    result = reviews.save_review(
        review,
        user,
        verdicts,
        notes or {},
        submit=True,
        skipped=skip_the_rest(review.plan, verdicts),
    )
    assert result.submitted
    return result


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
    submit(review, carla, {one.pk: "deels"}, {two.pk: "Onduidelijk"})
    review.refresh_from_db()
    assert review.is_submitted
    verdicts = {a.item_id: a.verdict for a in review.answers.all()}
    assert verdicts[one.pk] == "deels" and verdicts[two.pk] == ""
    with pytest.raises(ValidationError, match="al ingediend"):
        reviews.save_review(review, carla, {one.pk: "nee"}, {}, submit=False)


def test_the_comparison_marks_where_the_two_reviews_differ(delft_plan, alice, carla):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    submit(first, alice, {one.pk: "ja", two.pk: "ja"}, {})
    assert reviews.comparison(delft_plan) is None
    submit(second, carla, {one.pk: "ja", two.pk: "nee"}, {})

    result = reviews.comparison(delft_plan)
    rows = {row.item.pk: row for _s, section_rows in result.sections for row in section_rows}
    assert not rows[one.pk].differs
    assert rows[two.pk].differs
    assert [a.verdict for a in rows[two.pk].answers] == ["ja", "nee"]
    assert result.difference_count == 1


def test_findings_are_recorded_only_after_two_reviews(delft_plan, alice, carla):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    submit(first, alice, {}, {})
    with pytest.raises(ValidationError, match="twee beoordelingen"):
        reviews.record_outcome(
            delft_plan, alice, findings="x", improvements="", approved=False, approved_by=""
        )
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    submit(second, carla, {}, {})
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
        {
            f"oordeel-{one.pk}": "nee",
            f"toelichting-{one.pk}": "Geen cijfers",
            **{f"overslaan-{pk}": "on" for pk in skip_the_rest(delft_plan, {one.pk})},
            "submit": "1",
        },
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
    submit(first, alice, {one.pk: "ja", two.pk: "ja"}, {})
    submit(second, carla, {one.pk: "ja", two.pk: "nee"}, {two.pk: "Vaag"})
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        html = client.get(reviews_url(delft_plan)).content.decode()
    assert html.count('class="review-differs"') == 1
    assert "Vaag" in html
    response = client.post(
        reverse("reviews:record_outcome", kwargs={"pk": delft_plan.pk}),
        {
            "loaded": outcome_as_loaded(html),
            "findings": "Doelgroep scherper",
            "improvements": "",
            "approved_by": "",
        },
    )
    assert response.status_code == 302
    assert PlanReviewOutcome.objects.get(plan=delft_plan).findings == "Doelgroep scherper"


def outcome_as_loaded(html: str) -> str:
    """The outcome form's as-loaded values, as the browser posts them back."""
    return html_module.unescape(re.search(r'name="loaded" value="([^"]*)"', html)[1])


def record_on_page(client, plan, loaded, **fields):
    data = {"loaded": loaded, "findings": "", "improvements": "", "approved_by": "", **fields}
    return client.post(reverse("reviews:record_outcome", kwargs={"pk": plan.pk}), data)


def two_submitted_reviews(plan, alice, carla):
    first = reviews.invite_reviewer(plan, carla, alice, "betrokkene")
    second = reviews.invite_reviewer(plan, alice, carla, "buitenstaander")
    one, two = first_items(plan)
    submit(first, alice, {one.pk: "ja", two.pk: "ja"}, {})
    submit(second, carla, {one.pk: "ja", two.pk: "nee"}, {})


def test_two_team_members_recording_the_outcome_keep_each_others_fields(
    client, alice, carla, delft_plan
):
    two_submitted_reviews(delft_plan, alice, carla)
    first = {"findings": "Doelgroep scherper", "improvements": "", "approved_by": ""}
    reviews.record_outcome(delft_plan, alice, approved=False, **first)
    client.force_login(alice)
    stale = outcome_as_loaded(client.get(reviews_url(delft_plan)).content.decode())
    # Carla adds the agreed improvements in her own browser meanwhile.
    reviews.record_outcome(
        delft_plan, carla, approved=False, **{**first, "improvements": "Subdoelen meetbaar"}
    )
    # Alice's page still shows no improvements; she records the approval only, and her
    # browser posts every field as her page shows it.
    response = record_on_page(
        client, delft_plan, stale, **{**first, "approved": "on", "approved_by": "de wethouder"}
    )

    assert response.status_code == 302
    outcome = PlanReviewOutcome.objects.get(plan=delft_plan)
    assert outcome.findings == "Doelgroep scherper"
    assert outcome.improvements == "Subdoelen meetbaar"  # Carla's, not Alice's empty field
    assert outcome.approved and outcome.approved_by == "de wethouder"


def test_a_stale_page_does_not_overwrite_a_colleagues_findings(client, alice, carla, delft_plan):
    two_submitted_reviews(delft_plan, alice, carla)
    client.force_login(alice)
    stale = outcome_as_loaded(client.get(reviews_url(delft_plan)).content.decode())
    reviews.record_outcome(
        delft_plan,
        carla,
        loaded=None,
        findings="Carla's bevindingen",
        improvements="",
        approved=False,
        approved_by="",
    )
    response = record_on_page(client, delft_plan, stale, findings="Alice's bevindingen")

    assert response.status_code == 409
    html = response.content.decode()
    assert "Niet opgeslagen: een collega heeft dit intussen gewijzigd." in html
    assert "Carla&#x27;s bevindingen" in html  # the colleague's text beside the field
    assert "Alice&#x27;s bevindingen" in html  # the typed text stays in the field
    assert PlanReviewOutcome.objects.get(plan=delft_plan).findings == "Carla's bevindingen"
    # Recording again, having seen the colleague's text, stores Alice's on purpose.
    again = record_on_page(
        client, delft_plan, outcome_as_loaded(html), findings="Alice's bevindingen"
    )
    assert again.status_code == 302
    assert PlanReviewOutcome.objects.get(plan=delft_plan).findings == "Alice's bevindingen"


def test_a_submitted_review_shows_the_verdicts_and_can_no_longer_change(
    client, alice, carla, delft_plan
):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    (one,) = first_items(delft_plan, 1)
    submit(review, carla, {one.pk: "nee"}, {one.pk: "Geen cijfers"})
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
        submit(review, user, {item.pk: "deels" for item in items}, {})
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        assert client.get(reviews_url(delft_plan)).status_code == 200
    client.force_login(user)
    with django_assert_max_num_queries(14):
        assert client.get(review_url(review)).status_code == 200


# --- a review that means something ----------------------------------------------------


def active_items(plan):
    return list(
        ChecklistItem.objects.filter(
            section__checklist_id=plan.checklist_id, is_active=True
        ).order_by("section__order", "section_id", "order", "pk")
    )


def test_a_submit_with_open_questions_is_refused_with_links_to_them(
    client, alice, carla, delft_plan
):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    items = active_items(delft_plan)
    one, two = items[:2]
    client.force_login(carla)
    response = client.post(
        review_url(review),
        {f"oordeel-{one.pk}": "ja", f"overslaan-{two.pk}": "on", "submit": "1"},
    )
    html = response.content.decode()
    review.refresh_from_db()
    assert not review.is_submitted
    assert f"{len(items) - 2} vragen hebben nog geen oordeel" in html
    for item in items[2:]:
        assert f'<a href="#vraag-{item.pk}"' in html
        assert f'aria-describedby="vraag-{item.pk}_error"' in html
    assert f'<a href="#vraag-{one.pk}"' not in html and f'href="#vraag-{two.pk}"' not in html
    # What was typed is kept, on the page and in the database.
    assert review.answers.get(item=one).verdict == "ja"
    assert review.answers.get(item=two).skipped
    assert re.search(rf'name="overslaan-{two.pk}"[^>]*checked', html)

    everything = {f"overslaan-{item.pk}": "on" for item in items[1:]}
    response = client.post(
        review_url(review), {f"oordeel-{one.pk}": "ja", **everything, "submit": "1"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_submitted
    assert "overgeslagen" in client.get(review_url(review)).content.decode()


def test_a_submitted_review_is_reopened_by_its_reviewer_until_the_outcome(
    client, alice, carla, delft_plan
):
    first = reviews.invite_reviewer(delft_plan, alice, alice, "betrokkene")
    second = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    (one,) = first_items(delft_plan, 1)
    submit(second, carla, {one.pk: "nee"})
    client.force_login(carla)
    assert "Beoordeling heropenen" in client.get(review_url(second)).content.decode()
    reopen = reverse("reviews:reopen_review", kwargs={"review_pk": second.pk})
    client.force_login(alice)
    assert client.post(reopen).status_code == 404  # only the reviewer
    client.force_login(carla)
    html = client.post(reopen, follow=True).content.decode()
    assert "Uw beoordeling is heropend" in html and "Indienen" in html
    second.refresh_from_db()
    assert not second.is_submitted
    assert PlanChange.objects.filter(plan=delft_plan, action="review.reopened").exists()

    submit(second, carla, {one.pk: "deels"})
    submit(first, alice, {one.pk: "ja"})
    reviews.record_outcome(
        delft_plan, alice, findings="Akkoord", improvements="", approved=True, approved_by=""
    )
    html = client.get(review_url(second)).content.decode()
    assert "Beoordeling heropenen" not in html
    html = client.post(reopen, follow=True).content.decode()
    assert "kan niet meer worden heropend" in html
    second.refresh_from_db()
    assert second.is_submitted


def autosave(client, review, data):
    return client.post(reverse("reviews:review_autosave", kwargs={"review_pk": review.pk}), data)


def test_the_review_autosaves_and_the_page_learns_what_is_stored(client, alice, carla, delft_plan):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    client.force_login(carla)
    page = client.get(review_url(review)).content.decode()
    assert 'hx-post="' + reverse("reviews:review_autosave", args=[review.pk]) in page
    assert 'role="status"' in page
    loaded = {f"geladen-oordeel-{one.pk}": "", f"geladen-toelichting-{one.pk}": ""}
    response = autosave(client, review, {**loaded, f"oordeel-{one.pk}": "deels"})
    html = response.content.decode()
    assert "Opgeslagen om" in html
    assert review.answers.get(item=one).verdict == "deels"
    assert (
        f'name="geladen-oordeel-{one.pk}" id="id_geladen-oordeel-{one.pk}" value="deels" '
        'hx-swap-oob="true"' in html
    )
    # The next autosave of the same page carries the new 'as loaded' value: no conflict.
    loaded[f"geladen-oordeel-{one.pk}"] = "deels"
    html = autosave(
        client, review, {**loaded, f"oordeel-{one.pk}": "deels", f"toelichting-{one.pk}": "Vaag"}
    ).content.decode()
    assert "Opgeslagen om" in html
    assert review.answers.get(item=one).note == "Vaag"


def test_an_answer_changed_in_another_tab_is_not_overwritten(client, alice, carla, delft_plan):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two = first_items(delft_plan)
    client.force_login(carla)
    # Both tabs were opened on the empty review; the second saved 'nee' for question one.
    reviews.save_review(review, carla, {one.pk: "nee"}, {one.pk: "Geen cijfers"}, False)
    empty = {
        f"geladen-{name}-{item.pk}": ""
        for item in (one, two)
        for name in ("oordeel", "toelichting")
    }
    html = autosave(
        client, review, {**empty, f"oordeel-{one.pk}": "ja", f"oordeel-{two.pk}": "deels"}
    ).content.decode()
    assert "Niet alles is opgeslagen: 1 vraag is intussen in een andere sessie gewijzigd" in html
    assert "Opgeslagen om" not in html
    assert review.answers.get(item=one).verdict == "nee"
    assert review.answers.get(item=two).verdict == "deels"

    response = client.post(
        review_url(review),
        {**empty, f"oordeel-{one.pk}": "ja", f"oordeel-{two.pk}": "deels", "save": "1"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Intussen in een andere sessie opgeslagen:" in html
    assert "ontbreekt of onvoldoende — Geen cijfers" in html
    assert f'aria-describedby="vraag-{one.pk}_conflict"' in html
    assert re.search(rf'name="oordeel-{one.pk}" value="ja"[^>]*checked', html)
    assert f'name="geladen-oordeel-{one.pk}" value="nee"' in html
    assert review.answers.get(item=one).verdict == "nee"


def test_two_sessions_saving_one_review_answer_at_once_lose_nothing(
    transactional_db, alice, carla, delft_plan
):
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one, two, three = first_items(delft_plan, 3)
    opened = {item.pk: ("", "", False) for item in (one, two, three)}
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def save(verdicts):
        try:
            barrier.wait()
            outcomes.append(reviews.save_review(review, carla, verdicts, {}, False, loaded=opened))
        except Exception as exc:  # the test reports any failure, whatever it is
            errors.append(exc)
        finally:
            connection.close()

    tabs = [
        threading.Thread(target=save, args=({one.pk: "ja", two.pk: "ja"},)),
        threading.Thread(target=save, args=({one.pk: "nee", three.pk: "nee"},)),
    ]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join()

    assert errors == []
    stored = {a.item_id: a.verdict for a in review.answers.all()}
    assert stored[two.pk] == "ja" and stored[three.pk] == "nee"
    assert [list(result.conflicts) for result in outcomes if result.conflicts] == [[one.pk]]
    assert review.answers.filter(item=one).count() == 1
