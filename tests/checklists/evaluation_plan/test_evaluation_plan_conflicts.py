"""Two editors (two people, or one person in two tabs) on the same planned evaluation:
what each changed is stored, what both changed is refused for the later one, next to the
field, with the typed text kept and the other's value shown."""

import html
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from checklists.models import ChecklistItem
from checklists.models.evaluation_plan import EvaluationMoment, Indicator, PlannedEvaluation


@pytest.fixture
def effect(delft_plan):
    return PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")


def edit_url(evaluation):
    return reverse(
        "evaluation_plan:edit", kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk}
    )


def autosave_url(evaluation):
    return reverse(
        "evaluation_plan:autosave",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )


def hidden_inputs(page: str) -> dict:
    """The hidden inputs of a page as the browser would post them."""
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
        + re.findall(r'<input type="hidden" name="([^"]+)" id="[^"]*" value="([^"]*)"', page)
    }


class Tab:
    """One loaded edit page: what it posts is what it showed plus what was typed."""

    def __init__(self, user, evaluation):
        self.client = Client()
        self.client.force_login(user)
        self.evaluation = evaluation
        self.reload()

    def reload(self):
        evaluation = PlannedEvaluation.objects.get(pk=self.evaluation.pk)
        page = self.client.get(edit_url(evaluation)).content.decode()
        self.data = {
            key: value for key, value in hidden_inputs(page).items() if key != "csrfmiddlewaretoken"
        }
        self.data.update(
            {
                "evaluatie-questions": evaluation.questions,
                "evaluatie-methods": list(evaluation.methods),
                "evaluatie-respondents": list(evaluation.respondents),
                "evaluatie-performed_by": evaluation.performed_by,
                "evaluatie-budget": "" if evaluation.budget is None else str(evaluation.budget),
                "evaluatie-provider_agreement_note": evaluation.provider_agreement_note,
                "evaluatie-culture_note": evaluation.culture_note,
            }
        )
        for name in ("baseline_from_start", "provider_agreement", "culture_sensitive"):
            if getattr(evaluation, name):
                self.data[f"evaluatie-{name}"] = "on"
        for prefix, rows, fields in (
            ("indicator", evaluation.indicators.all(), ["name", "instrument", "target"]),
            ("moment", evaluation.moments.all(), ["label", "date"]),
        ):
            rows = list(rows)
            self.data[f"{prefix}-TOTAL_FORMS"] = str(len(rows) + 1)
            self.data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
            for i, row in enumerate(rows):
                for name in fields:
                    self.data[f"{prefix}-{i}-{name}"] = str(getattr(row, name))
                if prefix == "indicator":
                    self.data[f"{prefix}-{i}-sub_goal"] = row.sub_goal_id or ""
        return page

    def type(self, **fields):
        self.data.update({f"evaluatie-{name}": value for name, value in fields.items()})

    def autosave(self):
        response = self.client.post(autosave_url(self.evaluation), self.data)
        # The page takes the answer's new as-loaded values, as htmx swaps them in.
        self.data.update(
            {
                key: value
                for key, value in hidden_inputs(response.content.decode()).items()
                if key in ("evaluatie-loaded", "revision")
            }
        )
        return response

    def save(self, **extra):
        return self.client.post(edit_url(self.evaluation), {**self.data, **extra})


def stored(evaluation):
    return PlannedEvaluation.objects.get(pk=evaluation.pk)


def test_two_people_changing_different_fields_both_keep_their_change(alice, carla, effect):
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    mine.type(questions="Praten ouders vaker met hun kind?")
    theirs.type(budget="12500")
    assert theirs.save().status_code == 302
    assert mine.save().status_code == 302
    evaluation = stored(effect)
    assert evaluation.questions == "Praten ouders vaker met hun kind?"
    assert evaluation.budget == 12500


def test_the_same_field_changed_in_another_tab_is_refused_next_to_it_with_both_texts(alice, effect):
    first, second = Tab(alice, effect), Tab(alice, effect)
    first.type(questions="Vraag uit het eerste tabblad")
    assert first.save().status_code == 302
    second.type(questions="Vraag uit het tweede tabblad", budget="800")

    response = second.save()

    assert response.status_code == 409
    page = response.content.decode()
    slot = page[page.index('id="conflict-questions"') :]
    assert "iemand anders heeft dit veld intussen gewijzigd" in slot[:600]
    assert "Vraag uit het eerste tabblad" in slot[:600]
    assert "Vraag uit het tweede tabblad</textarea>" in page  # the typed text stays
    assert 'aria-describedby="' in page and "conflict-questions" in page
    evaluation = stored(effect)
    assert evaluation.questions == "Vraag uit het eerste tabblad"
    assert evaluation.budget == 800  # changed by this tab only: stored

    # Saving the page that shows both stores the typed text deliberately.
    second.data.update(hidden_inputs(page))
    assert second.save().status_code == 302
    assert stored(effect).questions == "Vraag uit het tweede tabblad"


def test_autosave_refusing_a_field_never_says_opgeslagen_for_it(alice, carla, effect):
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    theirs.type(questions="Carla's vraag")
    theirs.autosave()
    mine.type(questions="Alice's vraag", culture_note="Met sleutelfiguren")

    status = mine.autosave().content.decode()

    assert "Niet opgeslagen: iemand anders heeft dit veld intussen gewijzigd" in status
    assert "Evaluatievragen" in status and "Carla&#x27;s vraag" in status
    assert "Opgeslagen om" not in status
    assert "Wel opgeslagen om" in status  # the culture note was stored
    evaluation = stored(effect)
    assert evaluation.questions == "Carla's vraag"
    assert evaluation.culture_note == "Met sleutelfiguren"

    # Typing on does not sneak the text in: the field stays refused until 'Opslaan'.
    mine.type(questions="Alice's vraag, langer")
    assert "Niet opgeslagen" in mine.autosave().content.decode()
    assert stored(effect).questions == "Carla's vraag"


def test_an_editors_own_autosaves_follow_each_other_without_conflict(alice, carla, effect):
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    for text in ("Wat", "Wat leren", "Wat leren ouders?"):
        mine.type(questions=text)
        assert "Opgeslagen om" in mine.autosave().content.decode()
    theirs.type(budget="300")  # the other tab never touched the questions
    assert theirs.save().status_code == 302
    assert stored(effect).questions == "Wat leren ouders?"
    assert stored(effect).budget == 300


def test_a_stale_tab_cannot_overwrite_what_it_never_showed(alice, effect):
    stale = Tab(alice, effect)
    fresh = Tab(alice, effect)
    fresh.type(questions="Nieuwe vragen", respondents=["ouders", "jongeren"])
    assert fresh.save().status_code == 302

    stale.type(budget="1000")  # its questions and respondents are the old, empty ones
    assert stale.save().status_code == 302

    evaluation = stored(effect)
    assert evaluation.questions == "Nieuwe vragen"
    assert sorted(evaluation.respondents) == ["jongeren", "ouders"]
    assert evaluation.budget == 1000


def test_a_page_without_its_loaded_values_cannot_overwrite_a_newer_change(alice, effect):
    stale = Tab(alice, effect)
    fresh = Tab(alice, effect)
    fresh.type(questions="Nieuwe vragen")
    fresh.save()
    del stale.data["evaluatie-loaded"]
    stale.type(questions="Oude vragen")

    response = stale.save()

    assert response.status_code == 409
    assert stored(effect).questions == "Nieuwe vragen"


def test_parallel_autosaves_report_only_the_stored_text_as_stored(
    transactional_db, alice, delft_plan
):
    effect = PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")
    tabs = [Tab(alice, effect) for _ in range(8)]
    for number, tab in enumerate(tabs):
        tab.type(questions=f"Tekst uit tabblad {number}")
    barrier = threading.Barrier(len(tabs))
    answers, errors = {}, []

    def autosave(number, tab):
        try:
            barrier.wait()
            answers[number] = tab.autosave().content.decode()
        except Exception as exc:  # the test reports any failure, whatever it is
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=pair) for pair in enumerate(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    saved = [n for n, text in answers.items() if "Opgeslagen om" in text]
    refused = [n for n, text in answers.items() if "Niet opgeslagen" in text]
    assert len(saved) == 1 and len(refused) == 7
    assert stored(effect).questions == f"Tekst uit tabblad {saved[0]}"
    assert stored(effect).revision == 1


def test_rows_changed_by_one_tab_each_are_both_stored(alice, carla, effect):
    indicator = Indicator.objects.create(evaluation=effect, name="Opkomst")
    moment = EvaluationMoment.objects.create(
        evaluation=effect, label="Nulmeting", date="2027-01-04"
    )
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    mine.data["indicator-0-instrument"] = "Presentielijst"
    theirs.data["moment-0-label"] = "Nulmeting bij de start"
    theirs.data["moment-1-label"] = "Eindmeting"
    theirs.data["moment-1-date"] = "2027-12-01"
    assert theirs.save().status_code == 302
    assert mine.save().status_code == 302
    indicator.refresh_from_db()
    moment.refresh_from_db()
    assert indicator.instrument == "Presentielijst"
    assert moment.label == "Nulmeting bij de start"
    assert effect.moments.count() == 2  # the new row was not added twice or lost


def test_a_row_changed_by_both_is_refused_with_both_values_on_the_page(alice, carla, effect):
    indicator = Indicator.objects.create(evaluation=effect, name="Opkomst")
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    theirs.data["indicator-0-instrument"] = "Vragenlijst"
    theirs.save()
    mine.data["indicator-0-instrument"] = "Presentielijst"

    response = mine.save()

    assert response.status_code == 409
    page = response.content.decode()
    assert "iemand anders heeft deze rij intussen gewijzigd" in page
    assert "Meetinstrument: Vragenlijst" in page
    assert 'value="Presentielijst"' in page
    indicator.refresh_from_db()
    assert indicator.instrument == "Vragenlijst"


def test_a_row_removed_elsewhere_is_reported_not_brought_back_and_the_text_shown(
    alice, carla, effect
):
    indicator = Indicator.objects.create(evaluation=effect, name="Opkomst")
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    theirs.data["indicator-0-DELETE"] = "on"
    theirs.data["indicator-0-id"] = str(indicator.pk)
    mine.data["indicator-0-id"] = str(indicator.pk)
    assert theirs.save().status_code == 302
    mine.data["indicator-0-instrument"] = "Presentielijst"

    response = mine.save()

    assert response.status_code == 409
    page = response.content.decode()
    assert "iemand anders heeft deze rij intussen verwijderd" in page
    assert "Presentielijst" in page
    assert not Indicator.objects.exists()


def test_a_row_changed_elsewhere_is_not_removed_by_a_stale_tick(alice, carla, effect):
    indicator = Indicator.objects.create(evaluation=effect, name="Opkomst")
    mine, theirs = Tab(alice, effect), Tab(carla, effect)
    for tab in (mine, theirs):
        tab.data["indicator-0-id"] = str(indicator.pk)
    theirs.data["indicator-0-instrument"] = "Vragenlijst"
    theirs.save()
    mine.data["indicator-0-DELETE"] = "on"

    response = mine.save()

    assert response.status_code == 409
    assert "Niet verwijderd" in response.content.decode()
    assert Indicator.objects.get().instrument == "Vragenlijst"


@pytest.fixture
def checklist_items(db):
    call_command("loaddata", "fixtures/31_evaluation_checklists.json", verbosity=0)
    section = "effectevaluatie"
    return (
        ChecklistItem.objects.get(slug="nulmeting", section__checklist__slug=section),
        ChecklistItem.objects.get(slug="voor-wie", section__checklist__slug=section),
    )


def checklist_tab(user, evaluation):
    client = Client()
    client.force_login(user)
    url = reverse(
        "evaluation_plan:checklist",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )
    page = client.get(url).content.decode()
    data = {k: v for k, v in hidden_inputs(page).items() if k != "csrfmiddlewaretoken"}
    return client, url, data


def test_checklist_answers_merge_per_item(alice, carla, effect, checklist_items):
    baseline, for_whom = checklist_items
    my_client, url, mine = checklist_tab(alice, effect)
    their_client, _url, theirs = checklist_tab(carla, effect)
    assert their_client.post(url, {**theirs, "vragen-voor-wie": "Vaders"}).status_code == 302

    response = my_client.post(
        url, {**mine, "vragen-voor-wie": "Moeders", "randvoorwaarden-nulmeting": "ja"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Opgeslagen door de ander:" in page and "Vaders" in page
    assert "Moeders</textarea>" in page or 'value="Moeders"' in page
    answers = {a.item_id: a.value for a in effect.checklist_answers.all()}
    assert answers == {baseline.pk: "ja", for_whom.pk: "Vaders"}

    # Saving the page that shows both answers stores this one deliberately.
    again = {k: v for k, v in hidden_inputs(page).items() if k != "csrfmiddlewaretoken"}
    response = my_client.post(
        url, {**again, "vragen-voor-wie": "Moeders", "randvoorwaarden-nulmeting": "ja"}
    )
    assert response.status_code == 302
    assert effect.checklist_answers.get(item=for_whom).value == "Moeders"
