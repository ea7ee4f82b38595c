"""'Definitief maken' and an autosave of the same plan may reach the server together:
the plan must never end up definitief with a required answer emptied."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection

from checklists.models import Answer
from checklists.wizard import services
from checklists.wizard.progress import load_progress
from tests.checklists.conftest import fill_completely
from tests.checklists.races import second_while_first_is_uncommitted


def _required_item(plan):
    return plan.checklist.sections.get(slug="vraagstuk-en-visie").items.filter(required=True)[0]


def test_definitief_waits_for_an_autosave_that_empties_a_required_answer(
    transactional_db, alice, carla, delft_plan
):
    plan = fill_completely(delft_plan, alice)
    item = _required_item(plan)

    autosave, definitief = second_while_first_is_uncommitted(
        lambda: services.save_step(
            plan, item.section, carla, answers={item: ""}, expected_revision=plan.revision
        ),
        lambda: services.make_definitive(plan, alice),
    )

    plan.refresh_from_db()
    assert len(autosave.stored) == 1  # one answer changed
    assert Answer.objects.get(plan=plan, item=item).value == ""
    assert isinstance(definitief, ValidationError)
    assert definitief.messages == [
        "Het plan is nog niet compleet: beantwoord eerst alle verplichte vragen."
    ]
    assert plan.status == "concept"
    assert not load_progress(plan).is_complete


def test_an_autosave_after_definitief_is_refused_and_the_plan_stays_complete(
    transactional_db, alice, carla, delft_plan
):
    plan = fill_completely(delft_plan, alice)
    item = _required_item(plan)
    opened = plan.revision
    barrier = threading.Barrier(2)
    outcome = {}

    def autosave_emptying_the_answer():
        barrier.wait()
        try:
            services.save_step(
                plan, item.section, carla, answers={item: ""}, expected_revision=opened
            )
            outcome["autosave"] = "saved"
        except ValidationError as exc:
            outcome["autosave"] = " ".join(exc.messages)
        finally:
            connection.close()

    def make_definitive():
        barrier.wait()
        try:
            services.make_definitive(plan, alice)
            outcome["definitief"] = "made definitief"
        except ValidationError as exc:
            outcome["definitief"] = " ".join(exc.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=autosave_emptying_the_answer),
        threading.Thread(target=make_definitive),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    plan.refresh_from_db()
    # Whichever came first, the other sees its result: never definitief and incomplete.
    if plan.status == "definitief":
        assert load_progress(plan).is_complete
        assert outcome["autosave"] != "saved"
    else:
        assert outcome["autosave"] == "saved"
        assert not load_progress(plan).is_complete
