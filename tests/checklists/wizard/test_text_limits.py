"""Every text a team types has a maximum length: a longer text is refused with a Dutch
message next to its field and stays in the field; the database refuses it too."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from checklists.models import AdoptedElement, Answer, ChecklistItem, text_limits
from checklists.models.evaluation_plan import EvaluationChecklistAnswer
from checklists.models.review import PlanReviewOutcome, ReviewAnswer
from interventions.models import EffectiveElement
from tests.factories import (
    PlannedEvaluationFactory,
    PlanReviewFactory,
    StakeholderFactory,
)

TOO_LONG_MESSAGE = "Deze tekst is te lang: hooguit {limit} tekens, het zijn er nu {now}."


def step_url(plan, slug):
    return reverse("wizard:plan_step", args=[plan.pk, slug])


def list_management(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def field_tag(page, field_id):
    return re.search(rf'<(?:input|textarea)[^>]*id="{field_id}"[^>]*>', page).group(0)


def test_too_long_answers_are_refused_next_to_their_field_and_kept(client, alice, delft_plan):
    client.force_login(alice)
    short_text = "k" * (text_limits.SHORT_ANSWER + 1)
    responsibility = "v" * (text_limits.RESPONSIBILITY + 1)
    response = client.post(
        step_url(delft_plan, "betrokkenen-en-rollen"),
        {
            "revision": delft_plan.revision,
            "a-uitvoerder": short_text,
            "a-sleutelfiguren": "Imams en jongerenwerkers.",
            **list_management("betrokkene"),
            "betrokkene-0-name": "Stichting Buurtwerk",
            "betrokkene-0-kind": "organisatie",
            "betrokkene-0-responsibility": responsibility,
            "save": "1",
        },
    )
    page = response.content.decode()

    assert response.status_code == 200
    message = TOO_LONG_MESSAGE.format(limit=text_limits.SHORT_ANSWER, now=len(short_text))
    assert f'<p class="invalid-feedback d-block" id="id_a-uitvoerder_error">{message}' in page
    described = re.search(r'aria-describedby="([^"]*)"', field_tag(page, "id_a-uitvoerder"))
    assert "id_a-uitvoerder_error" in described.group(1).split()
    assert f'value="{short_text}"' in page
    assert responsibility in page
    assert (
        TOO_LONG_MESSAGE.format(limit=text_limits.RESPONSIBILITY, now=len(responsibility)) in page
    )
    # The valid answer of the same submit is saved; the too long ones are not.
    assert Answer.objects.get(plan=delft_plan, item__slug="sleutelfiguren").value == (
        "Imams en jongerenwerkers."
    )
    assert not Answer.objects.filter(plan=delft_plan, item__slug="uitvoerder").exists()
    assert not delft_plan.stakeholders.exists()


def test_a_long_answer_up_to_its_limit_is_saved_and_one_more_character_is_not(
    client, alice, delft_plan
):
    client.force_login(alice)
    url = step_url(delft_plan, "draagvlak")
    client.post(
        url,
        {"revision": delft_plan.revision, "a-bestuurlijk-draagvlak": "x" * text_limits.LONG_TEXT},
    )
    assert len(Answer.objects.get(plan=delft_plan, item__slug="bestuurlijk-draagvlak").value) == (
        text_limits.LONG_TEXT
    )
    delft_plan.refresh_from_db()
    page = client.post(
        url,
        {
            "revision": delft_plan.revision,
            "a-bestuurlijk-draagvlak": "y" * (text_limits.LONG_TEXT + 1),
        },
    ).content.decode()
    assert TOO_LONG_MESSAGE.format(limit=text_limits.LONG_TEXT, now=text_limits.LONG_TEXT + 1) in (
        page
    )
    assert Answer.objects.get(plan=delft_plan, item__slug="bestuurlijk-draagvlak").value == (
        "x" * text_limits.LONG_TEXT
    )


def test_an_autosave_of_a_too_long_answer_keeps_the_stored_one_and_says_so(
    client, alice, delft_plan
):
    client.force_login(alice)
    response = client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, "draagvlak"]),
        {
            "revision": delft_plan.revision,
            "a-bestuurlijk-draagvlak": "y" * (text_limits.LONG_TEXT + 1),
            "a-maatschappelijk-draagvlak": "Werksessies met partners",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "een veld met een fout is niet opgeslagen" in response.content.decode()
    assert not Answer.objects.filter(plan=delft_plan, item__slug="bestuurlijk-draagvlak").exists()
    assert Answer.objects.get(plan=delft_plan, item__slug="maatschappelijk-draagvlak").value == (
        "Werksessies met partners"
    )


def test_limited_fields_carry_their_limit_for_the_count_and_are_not_cut_off(
    client, alice, delft_plan
):
    client.force_login(alice)
    page = client.get(step_url(delft_plan, "betrokkenen-en-rollen")).content.decode()
    short = field_tag(page, "id_a-uitvoerder")
    long = field_tag(page, "id_a-sleutelfiguren")
    responsibility = field_tag(page, "id_betrokkene-0-responsibility")
    assert f'data-max-chars="{text_limits.SHORT_ANSWER}"' in short
    assert f'data-max-chars="{text_limits.LONG_TEXT}"' in long
    assert f'data-max-chars="{text_limits.RESPONSIBILITY}"' in responsibility
    # The browser's maxlength would cut a pasted text off without a word.
    assert "maxlength" not in short + long + responsibility
    assert "/static/js/char-count" in page and 'id="tekens-teksten"' in page


def test_too_long_evaluation_questions_are_refused_and_kept(client, alice, delft_plan):
    evaluation = PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    client.force_login(alice)
    questions = "Wat werkt?\n" * 500
    response = client.post(
        reverse(
            "evaluation_plan:edit",
            kwargs={"pk": delft_plan.pk, "evaluation_pk": evaluation.pk},
        ),
        {
            "evaluatie-questions": questions,
            "evaluatie-performed_by": "gemeente",
            "indicator-TOTAL_FORMS": "1",
            "indicator-INITIAL_FORMS": "0",
            "moment-TOTAL_FORMS": "1",
            "moment-INITIAL_FORMS": "0",
        },
    )
    page = response.content.decode()
    assert "Deze tekst is te lang: hooguit 5000 tekens" in page
    assert "Wat werkt?\nWat werkt?" in page
    evaluation.refresh_from_db()
    assert evaluation.questions == ""


def test_a_too_long_review_note_is_refused_and_kept(client, alice, carla, delft_plan):
    review = PlanReviewFactory(plan=delft_plan, reviewer=carla)
    item = ChecklistItem.objects.filter(section__checklist=delft_plan.checklist).first()
    note = "n" * (text_limits.REVIEW_NOTE + 1)
    client.force_login(carla)
    response = client.post(
        reverse("reviews:review", kwargs={"review_pk": review.pk}),
        {f"oordeel-{item.pk}": "deels", f"toelichting-{item.pk}": note},
    )
    page = response.content.decode()
    assert TOO_LONG_MESSAGE.format(limit=text_limits.REVIEW_NOTE, now=len(note)) in page
    assert note in page
    assert not ReviewAnswer.objects.exists()


@pytest.mark.parametrize(
    ("make", "limit"),
    [
        (lambda plan, item, text: Answer.objects.create(plan=plan, item=item, value=text), 5000),
        (lambda plan, item, text: StakeholderFactory(plan=plan, responsibility=text), 1000),
        (
            lambda plan, item, text: AdoptedElement.objects.create(
                plan=plan, element=EffectiveElement.objects.first(), note=text
            ),
            2000,
        ),
        (lambda plan, item, text: PlannedEvaluationFactory(plan=plan, questions=text), 5000),
        (
            lambda plan, item, text: PlannedEvaluationFactory(
                plan=plan, provider_agreement_note=text
            ),
            2000,
        ),
        (lambda plan, item, text: PlannedEvaluationFactory(plan=plan, culture_note=text), 2000),
        (
            lambda plan, item, text: EvaluationChecklistAnswer.objects.create(
                evaluation=PlannedEvaluationFactory(plan=plan), item=item, value=text
            ),
            5000,
        ),
        (
            lambda plan, item, text: ReviewAnswer.objects.create(
                review=PlanReviewFactory(plan=plan), item=item, note=text
            ),
            4000,
        ),
        (lambda plan, item, text: PlanReviewOutcome.objects.create(plan=plan, findings=text), 5000),
        (
            lambda plan, item, text: PlanReviewOutcome.objects.create(
                plan=plan, findings="x", improvements=text
            ),
            5000,
        ),
    ],
    ids=[
        "answer",
        "responsibility",
        "adopted element note",
        "evaluation questions",
        "agreement note",
        "culture note",
        "evaluation checklist answer",
        "review note",
        "findings",
        "improvements",
    ],
)
def test_the_database_refuses_a_text_over_its_limit_and_takes_one_at_it(make, limit, delft_plan):
    item = ChecklistItem.objects.filter(section__checklist=delft_plan.checklist).first()
    with transaction.atomic(), pytest.raises(IntegrityError):
        make(delft_plan, item, "t" * (limit + 1))
    assert make(delft_plan, item, "t" * limit).pk


def test_the_message_and_the_count_texts_are_english_after_the_language_switch(
    client, alice, delft_plan
):
    client.force_login(alice)
    client.get(reverse("switch_language", args=["en"]))
    page = client.post(
        step_url(delft_plan, "draagvlak"),
        {"revision": delft_plan.revision, "a-bestuurlijk-draagvlak": "y" * 5001},
    ).content.decode()
    assert "This text is too long: at most 5000 characters, it now has 5001." in page
    assert 'data-left-other="__N__ characters left."' in page
