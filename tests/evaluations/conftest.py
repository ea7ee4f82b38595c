"""Evaluations on top of a tiny catalogue, and the people who see them."""

import pytest

from ebw_portal.accounts.roles import make_curator
from tests.conftest import PASSWORD  # noqa: F401 - tests import it from here
from tests.factories import (
    EffectiveElementFactory,
    EvaluationFactory,
    InterventionFactory,
    InterventionTypeFactory,
    LessonLearnedFactory,
    UserFactory,
)


@pytest.fixture
def parenting(db):
    return InterventionTypeFactory(
        slug="opvoedondersteuning",
        name="Opvoedondersteuning van ouders uit kwetsbare groepen",
        short_description="Ouders steunen bij de opvoeding.",
        description="Trainingen voor ouders.",
        order=3,
    )


@pytest.fixture
def peers(db):
    return InterventionTypeFactory(
        slug="lotgenotencontact",
        name="Lotgenotencontact",
        short_description="Families ontmoeten elkaar.",
        description="Bijeenkomsten voor families.",
        order=4,
    )


@pytest.fixture
def weerbaar_opvoeden(parenting):
    return InterventionFactory(
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
    return EffectiveElementFactory(
        slug="werving-via-sleutelfiguren",
        title="Werving via sleutelfiguren",
        summary="Werf ouders via mensen die zij vertrouwen.",
        explanation="Lokale trainers en scholen bereiken ouders.",
        aspect="werving",
        types=[parenting],
    )


@pytest.fixture
def venue(parenting):
    return EffectiveElementFactory(
        slug="laagdrempelige-locatie",
        title="Laagdrempelige locatie",
        summary="Kom samen waar ouders al komen.",
        explanation="Een buurthuis of school.",
        aspect="uitvoering",
        types=[parenting],
    )


@pytest.fixture
def safe_setting(db):
    return LessonLearnedFactory(
        slug="veilige-setting",
        title="Zorg voor een veilige setting",
        summary="Kleine groepen en een neutrale trainer.",
        explanation="De doelgroep moet zich veilig voelen.",
        theme="veiligheid",
    )


@pytest.fixture
def make_evaluation(db):
    """Create an evaluation; published and public unless told otherwise. The fields and
    links of EvaluationFactory, with `elements` for its effective elements."""

    def make(*, elements=(), **fields):
        return EvaluationFactory(effective_elements=elements, **fields)

    return make


@pytest.fixture
def curator(db):
    user = UserFactory(username="carla-ess", ess=True, first_name="Carla")
    make_curator(user)
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client
