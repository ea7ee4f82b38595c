"""Evaluations on top of a tiny catalogue, and the people who see them."""

import itertools

import pytest

from ebw_portal.accounts.roles import make_curator
from evaluations.models import Access, Design, Evaluation, Kind, Status, Verdict
from interventions.models import EffectiveElement, Intervention, InterventionType, LessonLearned

PASSWORD = "Veilig-wachtwoord-2026"  # the same as tests/conftest.py

_numbers = itertools.count(1)


@pytest.fixture
def parenting(db):
    return InterventionType.objects.create(
        slug="opvoedondersteuning",
        name="Opvoedondersteuning van ouders uit kwetsbare groepen",
        short_description="Ouders steunen bij de opvoeding.",
        description="Trainingen voor ouders.",
        order=3,
    )


@pytest.fixture
def peers(db):
    return InterventionType.objects.create(
        slug="lotgenotencontact",
        name="Lotgenotencontact",
        short_description="Families ontmoeten elkaar.",
        description="Bijeenkomsten voor families.",
        order=4,
    )


@pytest.fixture
def weerbaar_opvoeden(parenting):
    return Intervention.objects.create(
        slug="weerbaar-opvoeden",
        name="Weerbaar Opvoeden",
        intervention_type=parenting,
        summary="Training voor ouders.",
        description="Bijeenkomsten voor moeders in de wijk.",
        target_group="ouders",
        prevention_level="risicogroepen",
    )


@pytest.fixture
def key_figures(parenting):
    element = EffectiveElement.objects.create(
        slug="werving-via-sleutelfiguren",
        title="Werving via sleutelfiguren",
        summary="Werf ouders via mensen die zij vertrouwen.",
        explanation="Lokale trainers en scholen bereiken ouders.",
        aspect="werving",
    )
    element.types.add(parenting)
    return element


@pytest.fixture
def venue(parenting):
    element = EffectiveElement.objects.create(
        slug="laagdrempelige-locatie",
        title="Laagdrempelige locatie",
        summary="Kom samen waar ouders al komen.",
        explanation="Een buurthuis of school.",
        aspect="uitvoering",
    )
    element.types.add(parenting)
    return element


@pytest.fixture
def safe_setting(db):
    return LessonLearned.objects.create(
        slug="veilige-setting",
        title="Zorg voor een veilige setting",
        summary="Kleine groepen en een neutrale trainer.",
        explanation="De doelgroep moet zich veilig voelen.",
        theme="veiligheid",
    )


@pytest.fixture
def make_evaluation(db):
    """Create an evaluation; published and public unless told otherwise."""

    def make(
        *,
        types=(),
        title=None,
        kind=Kind.PROCESS,
        design=Design.QUALITATIVE,
        verdict=Verdict.NOT_ESTABLISHED,
        access=Access.PUBLIC,
        status=Status.PUBLISHED,
        year=2020,
        elements=(),
        lessons=(),
        interventions=(),
        municipalities=(),
        **fields,
    ):
        number = next(_numbers)
        fields.setdefault("evaluator", "Onderzoeksbureau Voorbeeld")
        evaluation = Evaluation.objects.create(
            slug=f"evaluatie-{number}",
            title=title or f"Evaluatie nummer {number}",
            year=year,
            kind=kind,
            design=design,
            verdict=verdict,
            access=access,
            status=status,
            findings="Ouders zeggen dat de gesprekken met hun kinderen beter gaan.",
            **fields,
        )
        evaluation.types.set(types)
        evaluation.effective_elements.set(elements)
        evaluation.lessons.set(lessons)
        evaluation.interventions.set(interventions)
        evaluation.municipalities.set(municipalities)
        return evaluation

    return make


@pytest.fixture
def curator(db):
    from ebw_portal.accounts.models import User

    user = User.objects.create_user(
        username="carla-ess", password=PASSWORD, role="ess", first_name="Carla"
    )
    make_curator(user)
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client
