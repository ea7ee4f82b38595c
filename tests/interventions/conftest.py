"""A small catalogue with known Dutch words, and a way to grow it for query counts."""

from dataclasses import dataclass

import pytest

from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
)
from tests.factories import (
    EffectiveElementFactory,
    InterventionFactory,
    InterventionTypeFactory,
    LessonLearnedFactory,
    SourceFactory,
)


@dataclass
class SmallCatalogue:
    parenting: InterventionType
    peers: InterventionType
    weerbaar_opvoeden: Intervention
    peer_group: Intervention
    key_figures: EffectiveElement
    venue: EffectiveElement
    vision: LessonLearned
    safe_setting: LessonLearned
    evaluate_early: LessonLearned
    report: Source


@pytest.fixture
def small_catalogue(db):
    report = SourceFactory(
        citation="Omlo, J. & Fermin, A. (2021). Wat werkt bij preventie van radicalisering?",
        url="https://hetonderzoekerscollectief.nl/wat-werkt-bij-preventie-van-radicalisering/",
    )
    parenting = InterventionTypeFactory(
        slug="opvoedondersteuning",
        name="Opvoedondersteuning van ouders uit kwetsbare groepen",
        short_description="Ouders steunen bij de opvoeding van hun kinderen.",
        description="Trainingen voor ouders die lastig bereikbaar zijn.",
        effectiveness="Ouders melden betere communicatie met hun kinderen.",
        order=3,
        sources=[report],
    )
    peers = InterventionTypeFactory(
        slug="lotgenotencontact",
        name="Lotgenotencontact",
        short_description="Families van geradicaliseerde jongeren delen ervaringen.",
        description="Bijeenkomsten om de paar weken met informatie en gedeelde ervaring.",
        order=4,
    )
    weerbaar_opvoeden = InterventionFactory(
        slug="weerbaar-opvoeden",
        name="Weerbaar Opvoeden",
        intervention_type=parenting,
        summary="Een training voor moeders over opvoeden en weerbaarheid.",
        description="Lokale trainers geven bijeenkomsten in de buurt.",
        target_group="Ouders uit kwetsbare groepen",
        prevention_level="breed",
        provider="Stimulance",
    )
    peer_group = InterventionFactory(
        slug="familiecontact",
        name="Familiecontact",
        intervention_type=peers,
        summary="Lotgenotengroep voor families van geradicaliseerde jongeren.",
        description="Onder leiding van een psycholoog en een gespreksleider.",
        target_group="Familieleden",
        prevention_level="individueel",
    )
    key_figures = EffectiveElementFactory(
        slug="werven-via-sleutelfiguren",
        title="Werven via een netwerk van sleutelfiguren",
        summary="Lokale trainers en scholen in de wijk bereiken ouders.",
        explanation="Een sleutelfiguur kent de ouders en wint hun vertrouwen.",
        aspect="werving",
        types=[parenting],
        interventions=[weerbaar_opvoeden],
        sources=[report],
    )
    venue = EffectiveElementFactory(
        slug="laagdrempelige-locatie",
        title="Een laagdrempelige locatie",
        summary="Een plek in de wijk waar ouders al komen.",
        explanation="Ouders komen lopend of op de fiets naar een bekende plek.",
        aspect="randvoorwaarden",
        types=[parenting],
    )
    vision = LessonLearnedFactory(
        slug="duidelijke-visie",
        title="Begin met een duidelijke visie",
        summary="Welk maatschappelijk probleem, welk doel, welke partners.",
        explanation="Een uitgewerkt plan van aanpak is de basis voor evalueren en borgen.",
        theme="voorbereiding",
        sources=[report],
    )
    safe_setting = LessonLearnedFactory(
        slug="veilige-setting",
        title="Zorg voor een veilige setting",
        summary="Kleine groepen en een neutrale trainer.",
        explanation="De doelgroep moet zich veilig voelen om te praten.",
        theme="veiligheid",
        types=[peers],
    )
    evaluate_early = LessonLearnedFactory(
        slug="evaluatie-vooraf-plannen",
        title="Plan de evaluatie vooraf",
        summary="Spreek bij de start af wat, hoe en wanneer je evalueert.",
        explanation="Verzamel gegevens vanaf dag een; betrek een les uit eerdere trajecten.",
        theme="evalueren",
        types=[parenting],
    )
    return SmallCatalogue(
        parenting=parenting,
        peers=peers,
        weerbaar_opvoeden=weerbaar_opvoeden,
        peer_group=peer_group,
        key_figures=key_figures,
        venue=venue,
        vision=vision,
        safe_setting=safe_setting,
        evaluate_early=evaluate_early,
        report=report,
    )


@pytest.fixture
def grow_catalogue(small_catalogue):
    """Add `n` more of everything, all linked, all matching the word 'opvoeding'."""

    def grow(n):
        source = SourceFactory(citation=f"Extra bron bij {n} items")
        for i in range(n):
            kind = InterventionTypeFactory(
                slug=f"extra-type-{n}-{i}",
                name=f"Extra type {i} over opvoeding",
                short_description="Nog een type.",
                description="Over opvoeding in de wijk.",
                order=10 + i,
                sources=[source],
            )
            intervention = InterventionFactory(
                slug=f"extra-interventie-{n}-{i}",
                name=f"Extra interventie {i}",
                intervention_type=small_catalogue.parenting,
                summary="Over opvoeding.",
                description="Over opvoeding in de wijk.",
                target_group="Ouders",
                prevention_level="risicogroepen",
                sources=[source],
            )
            EffectiveElementFactory(
                slug=f"extra-element-{n}-{i}",
                title=f"Extra element {i}",
                summary="Over opvoeding.",
                explanation="Over opvoeding in de wijk.",
                aspect="inhoud",
                types=[small_catalogue.parenting, kind],
                interventions=[intervention],
                sources=[source],
            )
            LessonLearnedFactory(
                slug=f"extra-les-{n}-{i}",
                title=f"Extra les {i}",
                summary="Over opvoeding.",
                explanation="Over opvoeding in de wijk.",
                theme="draagvlak",
                types=[small_catalogue.parenting, kind],
                sources=[source],
            )

    return grow
