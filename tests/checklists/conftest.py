"""Fixtures for the wizard: the shipped plan-van-aanpak checklist, a small catalogue made
here (independent of the catalogue fixture's content) and plans of Delft and Utrecht."""

import pytest
from django.core.management import call_command

from checklists.models import Checklist, ChecklistItem, PlanOfApproach
from checklists.wizard import services
from tests.factories import (
    EffectiveElementFactory,
    InterventionTypeFactory,
    LessonLearnedFactory,
    UserFactory,
)


@pytest.fixture
def checklist(db):
    call_command("loaddata", "fixtures/30_checklists.json", verbosity=0)
    return Checklist.objects.get(slug="plan-van-aanpak")


@pytest.fixture
def parenting(db):
    kind = InterventionTypeFactory(
        slug="opvoedondersteuning-test",
        name="Opvoedondersteuning",
        short_description="Steun voor ouders",
        description="Steun voor ouders uit kwetsbare groepen.",
        order=3,
    )
    EffectiveElementFactory(
        slug="werven-via-sleutelfiguren-test",
        title="Werven via sleutelfiguren",
        summary="Ouders worden bereikt via lokale trainers en buurtscholen.",
        explanation="Sleutelfiguren kennen de ouders en hebben hun vertrouwen.",
        aspect="werving",
        types=[kind],
    )
    LessonLearnedFactory(
        slug="heldere-visie-test",
        title="Begin met een heldere visie",
        summary="Welk probleem, welk doel, welke betrokkenen.",
        explanation="Een goed plan van aanpak is de basis.",
        theme="voorbereiding",
    )
    LessonLearnedFactory(
        slug="draagvlak-bestuur-test",
        title="Betrek het college en de raad",
        summary="Leg regelmatig verantwoording af.",
        explanation="Evaluaties helpen daarbij.",
        theme="draagvlak",
    )
    return kind


@pytest.fixture
def delft_plan(checklist, parenting, alice):
    return services.create_plan(
        municipality=alice.municipality,
        user=alice,
        title="Weerbaar opvoeden Delft-Noord",
        intervention_type=parenting,
    )


@pytest.fixture
def utrecht_plan(checklist, parenting, bob):
    return services.create_plan(
        municipality=bob.municipality,
        user=bob,
        title="Ouders in Kanaleneiland",
        intervention_type=parenting,
    )


@pytest.fixture
def ess_user(db):
    return UserFactory(username="eva-ess", ess=True, first_name="")


def fill_completely(plan, user):
    """Answer every item and add the required list rows, through the services."""
    from checklists.wizard.progress import sections_of

    for section in sections_of(plan.checklist_id):
        answers = {}
        for item in section.active_items:
            answers[item] = _sample_answer(item)
        plan.refresh_from_db()
        services.save_step(plan, section, user, answers=answers, expected_revision=plan.revision)
    plan.sub_goals.create(description="40 ouders nemen deel", indicator="aantal deelnemers")
    plan.stakeholders.create(name="Stichting Buurtwerk", role="uitvoerder")
    plan.refresh_from_db()
    return plan


def _sample_answer(item: ChecklistItem):
    import datetime
    from decimal import Decimal

    return {
        "janeedeels": "ja",
        "keuze": item.choice_list[0] if item.choice_list else "",
        "datum": datetime.date(2027, 3, 1),
        "getal": Decimal("12"),
    }.get(item.answer_kind, f"Antwoord op: {item.question}")


@pytest.fixture
def carla(delft):
    """A second redacteur in Delft, to edit a plan at the same time as Alice."""
    return UserFactory(username="carla-delft", municipality=delft, role="redacteur")


@pytest.fixture
def archived_right_after_the_read(monkeypatch):
    """Another request archives the plan just after the saving request has read it (once:
    the pages after it read the plan as it is). Returns [rows archived] once it happened."""
    from checklists.evaluation_plan import views as evaluation_views
    from checklists.wizard import views

    archived = []

    def then_archived(read):
        def read_then_archived(user, pk, queryset=None):
            plan = read(user, pk, queryset)
            if not archived:
                archived.append(PlanOfApproach.objects.filter(pk=pk).update(is_archived=True))
            return plan

        return read_then_archived

    for module in (views, evaluation_views):
        for name in ("get_plan_for_user", "get_plan_for_editor"):
            monkeypatch.setattr(module, name, then_archived(getattr(module, name)))
    return archived
