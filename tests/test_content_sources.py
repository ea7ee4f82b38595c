"""Every statement in the shipped content is sourced, and the known errors stay corrected.

The rule: every catalogue item (type, intervention, element, lesson) names at least one
source with title, publisher and year, and every evaluation names its title, evaluator
(publisher) and year plus, unless it is a fictional example, where to find it. The
admin enforces the same rule (tests/interventions/test_catalogue_admin.py,
tests/evaluations/test_evaluation_curation.py); this test keeps the fixtures to it.
"""

import io

import pytest
from django.core.management import call_command

from evaluations.models import Evaluation
from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
)

pytestmark = pytest.mark.django_db

CATALOGUE_ITEMS = [InterventionType, Intervention, EffectiveElement, LessonLearned]


@pytest.fixture
def shipped_content(db):
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    call_command("loaddata", "fixtures/20_evaluations.json", verbosity=0)


def test_every_catalogue_item_names_a_source_with_title_publisher_and_year(shipped_content):
    # "Year" may be the recorded fact that the source states none (z.j.), never a guess.
    unsourced = []
    for model in CATALOGUE_ITEMS:
        for item in model.objects.prefetch_related("sources"):
            if not any(source.is_complete for source in item.sources.all()):
                unsourced.append(f"{model._meta.verbose_name} ‘{item}’ ({item.slug})")
    assert unsourced == [], "Zonder volledige bron: " + "; ".join(unsourced)


def test_every_source_names_title_and_publisher_and_a_year_or_says_it_has_none(shipped_content):
    for source in Source.objects.all():
        assert source.title.strip() and source.publisher.strip(), source.citation
        # A source without a year says so in its citation ("z.j."), never a guessed year.
        if source.year is None:
            assert source.undated and "(z.j.)" in source.citation, source.citation
        else:
            assert f"({source.year})" in source.citation, source.citation
        source.full_clean(validate_unique=False)


def test_every_evaluation_names_title_publisher_year_and_where_to_find_it(shipped_content):
    for evaluation in Evaluation.objects.all():
        name = f"evaluatie ‘{evaluation.title}’ ({evaluation.slug})"
        assert evaluation.title.strip() and evaluation.evaluator.strip(), name
        assert evaluation.year, name
        assert evaluation.has_source, f"{name} heeft geen webadres of rapport"
        evaluation.full_clean(validate_unique=False)


def test_the_example_evaluations_are_the_only_ones_without_a_web_address(shipped_content):
    without = Evaluation.objects.filter(source_url="")
    assert all(evaluation.is_example for evaluation in without)


# The known errors, corrected (docs/content.md lists each with its source).


def test_weerbaar_opvoeden_is_attanmias_not_stimulances_product(shipped_content):
    intervention = Intervention.objects.get(slug="weerbaar-opvoeden")
    assert intervention.provider.startswith("Stichting Attanmia")
    assert "ontwikkeld door stichting Attanmia" in intervention.description
    assert (
        "Weerbaar Opvoeden van Stimulance"
        not in InterventionType.objects.get(slug="opvoedondersteuning").description
    )


def test_the_casusoverleg_states_the_toolkits_reason(shipped_content):
    intervention = Intervention.objects.get(slug="multidisciplinair-casusoverleg")
    assert intervention.intervention_type.slug == "begeleiding-jongeren"
    assert "het overleg zelf de interventie" in intervention.description
    assert "altijd om de aanpak rond één persoon" not in intervention.description
    assert intervention.sources.filter(title__contains="Multidisciplinair casusoverleg").exists()


def test_the_rand_conclusion_on_training_is_attributed_to_rand(shipped_content):
    element = EffectiveElement.objects.get(slug="veranderingstheorie-voor-training")
    publishers = set(element.sources.values_list("publisher", flat=True))
    assert any("RAND Europe" in p for p in publishers)
    assert not any("Omlo" in p for p in publishers)
    assert "RAND Europe" in element.explanation


def test_the_rand_source_is_titled_gemeentelijke_versterkingsgelden(shipped_content):
    assert not Source.objects.filter(title__icontains="landelijke Versterkingsgelden").exists()
    rand = Source.objects.get(publisher__startswith="RAND Europe")
    assert "gemeentelijke Versterkingsgelden 2020-2021" in rand.title
    assert rand.year == 2022


def test_familiecontact_names_its_provider(shipped_content):
    assert (
        Intervention.objects.get(slug="familiecontact").provider
        == "Landelijk Steunpunt Extremisme (LSE)"
    )


def test_no_approximate_or_unfindable_claims_remain(shipped_content):
    for model in CATALOGUE_ITEMS:
        for item in model.objects.all():
            for field in item._meta.concrete_fields:
                value = getattr(item, field.attname)
                if isinstance(value, str):
                    assert "ongeveer 120" not in value, item
                    assert "projectverslag" not in value.lower(), item
    assert not Source.objects.filter(citation__icontains="projectverslag").exists()
    assert not Evaluation.objects.filter(title__icontains="projectverslag").exists()


def test_load_demo_removes_content_that_was_corrected_away(db):
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    old = Source.objects.create(
        citation="Stimulance (2019). Projectverslag Weerbaar Opvoeden 2019."
    )
    call_command("load_demo", zonder_voorbeelden=True, stdout=io.StringIO())
    assert not Source.objects.filter(pk=old.pk).exists()
