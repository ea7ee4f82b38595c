"""The shipped wat-werkt content (fixtures/10_catalogue.json): complete, sourced, reloadable."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command

from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
    Theme,
)

CATALOGUE_MODELS = [Source, InterventionType, Intervention, EffectiveElement, LessonLearned]
PLACEHOLDER = re.compile(r"\b(lorem|ipsum|todo|tbd|fixme|xxx)\b", re.IGNORECASE)

pytestmark = pytest.mark.django_db


def _counts():
    counts = {model.__name__: model.objects.count() for model in CATALOGUE_MODELS}
    for model in (InterventionType, Intervention, EffectiveElement, LessonLearned):
        counts[f"{model.__name__}.sources"] = model.sources.through.objects.count()
    counts["EffectiveElement.types"] = EffectiveElement.types.through.objects.count()
    counts["LessonLearned.types"] = LessonLearned.types.through.objects.count()
    return counts


def _texts(obj):
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(value, str):
            yield field.name, value


def test_loading_the_catalogue_twice_updates_instead_of_duplicating(catalogue):
    before = _counts()
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    assert _counts() == before


def test_reloading_restores_an_edited_text(catalogue):
    InterventionType.objects.filter(slug="lotgenotencontact").update(name="Iets anders")
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    assert InterventionType.objects.get(slug="lotgenotencontact").name == "Lotgenotencontact"


def test_all_six_intervention_types_are_listed_in_the_reports_order(catalogue):
    assert list(InterventionType.objects.values_list("slug", "order")) == [
        ("weerbaarheid-jongeren", 1),
        ("begeleiding-jongeren", 2),
        ("opvoedondersteuning", 3),
        ("lotgenotencontact", 4),
        ("deskundigheidsbevordering", 5),
        ("lokale-aanpakken", 6),
    ]


def test_every_type_has_interventions_elements_and_an_effectiveness_note(catalogue):
    for intervention_type in InterventionType.objects.all():
        assert intervention_type.interventions.exists(), intervention_type.slug
        assert intervention_type.effective_elements.exists(), intervention_type.slug
        assert intervention_type.effectiveness.strip(), intervention_type.slug
        assert intervention_type.sources.exists(), intervention_type.slug


def test_weerbaar_opvoeden_has_the_five_elements_from_the_report(catalogue):
    weerbaar_opvoeden = Intervention.objects.get(slug="weerbaar-opvoeden")
    assert weerbaar_opvoeden.intervention_type.slug == "opvoedondersteuning"
    # Developed by stichting Attanmia; Stimulance is one of the organisations that ran it.
    assert weerbaar_opvoeden.provider.startswith("Stichting Attanmia")
    elements = EffectiveElement.objects.filter(types__slug="opvoedondersteuning")
    assert elements.count() == 5
    assert set(weerbaar_opvoeden.effective_elements.all()) >= set(elements)


def test_every_element_lesson_and_intervention_names_a_source(catalogue):
    for model in (Intervention, EffectiveElement, LessonLearned):
        unsourced = model.objects.filter(sources__isnull=True).values_list("slug", flat=True)
        assert list(unsourced) == [], model.__name__


def test_every_source_is_cited_somewhere(catalogue):
    uncited = Source.objects.filter(
        interventiontype__isnull=True,
        intervention__isnull=True,
        effectiveelement__isnull=True,
        lessonlearned__isnull=True,
    )
    assert list(uncited) == []


def test_lessons_cover_every_theme_of_the_toolkit(catalogue):
    themes = set(LessonLearned.objects.values_list("theme", flat=True))
    assert themes == set(Theme.values)
    assert LessonLearned.objects.count() >= 16


def test_elements_cover_the_aspects_and_are_enough(catalogue):
    assert EffectiveElement.objects.count() >= 14
    assert set(EffectiveElement.objects.values_list("aspect", flat=True)) == {
        "werving",
        "inhoud",
        "uitvoering",
        "randvoorwaarden",
    }


def test_safety_lessons_apply_to_every_type(catalogue):
    # The toolkit states them for the target group of every intervention; trainings and
    # talks after theatre are its examples, not a limit. No types means all types.
    for slug in (
        "veilige-setting-voor-deelnemers",
        "kleine-groep-en-afspraken-over-follow-up",
        "neutrale-niet-veroordelende-houding",
    ):
        lesson = LessonLearned.objects.get(slug=slug)
        assert not lesson.types.exists(), slug
        for intervention_type in InterventionType.objects.all():
            applying = LessonLearned.objects.applying_to_type(intervention_type.pk)
            assert applying.filter(pk=lesson.pk).exists(), (slug, intervention_type.slug)


def test_no_text_contains_placeholder_words(catalogue):
    for model in CATALOGUE_MODELS:
        for obj in model.objects.all():
            for name, text in _texts(obj):
                assert not PLACEHOLDER.search(text), f"{model.__name__} {obj}: {name}"


def test_every_item_passes_model_validation(catalogue):
    for model in CATALOGUE_MODELS:
        for obj in model.objects.all():
            obj.full_clean(validate_unique=False)


def test_search_vectors_are_filled_for_dutch_search(catalogue):
    query = SearchQuery("opvoed:*", search_type="raw", config="dutch")
    hits = Intervention.objects.filter(search_vector=query)
    assert "weerbaar-opvoeden" in hits.values_list("slug", flat=True)
