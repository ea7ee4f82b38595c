"""Each rung of the evidence scale, computed from published evaluations."""

import pytest

from evaluations.evidence import (
    EvidenceLevel,
    evidence_for,
    evidence_labels_for_elements,
)
from evaluations.models import Access, Design, Evaluation, Kind, Status, Verdict
from evaluations.services import publish, withdraw


def level_of(element):
    return evidence_for([element])[element.pk].level


def test_an_element_without_evaluations_says_so(key_figures):
    summary = evidence_for([key_figures])[key_figures.pk]
    assert summary.level == EvidenceLevel.NONE
    assert summary.label == "geen evaluaties"
    assert not summary.has_effect_evaluation


def test_only_a_plan_evaluation_means_well_described(key_figures, make_evaluation):
    make_evaluation(kind=Kind.PLAN, design=Design.QUALITATIVE, elements=[key_figures])
    assert level_of(key_figures) == EvidenceLevel.DESCRIBED


def test_a_descriptive_process_evaluation_means_well_described(key_figures, make_evaluation):
    make_evaluation(kind=Kind.PROCESS, design=Design.DESCRIPTIVE, elements=[key_figures])
    assert level_of(key_figures) == EvidenceLevel.DESCRIBED


def test_a_qualitative_process_evaluation_means_well_founded(key_figures, make_evaluation):
    make_evaluation(kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures])
    summary = evidence_for([key_figures])[key_figures.pk]
    assert summary.level == EvidenceLevel.FOUNDED
    assert summary.label == "goed onderbouwd"
    assert not summary.has_effect_evaluation


def test_a_positive_pre_post_effect_study_gives_first_indications(key_figures, make_evaluation):
    make_evaluation(
        kind=Kind.EFFECT,
        design=Design.PRE_POST,
        verdict=Verdict.INDICATIONS,
        elements=[key_figures],
    )
    assert level_of(key_figures) == EvidenceLevel.FIRST_INDICATIONS


def test_a_pre_post_study_without_effect_gives_no_indications(key_figures, make_evaluation):
    make_evaluation(
        kind=Kind.EFFECT, design=Design.PRE_POST, verdict=Verdict.NO_EFFECT, elements=[key_figures]
    )
    summary = evidence_for([key_figures])[key_figures.pk]
    assert summary.level == EvidenceLevel.FOUNDED
    assert summary.effect_without_positive_result == 1


def test_a_positive_quasi_experiment_gives_good_indications(key_figures, make_evaluation):
    make_evaluation(
        kind=Kind.EFFECT,
        design=Design.QUASI_EXPERIMENTAL,
        verdict=Verdict.INDICATIONS,
        elements=[key_figures],
    )
    assert level_of(key_figures) == EvidenceLevel.GOOD_INDICATIONS


def test_one_rct_alone_gives_good_not_strong_indications(key_figures, make_evaluation):
    make_evaluation(
        kind=Kind.EFFECT, design=Design.RCT, verdict=Verdict.PROVEN, elements=[key_figures]
    )
    assert level_of(key_figures) == EvidenceLevel.GOOD_INDICATIONS


def test_two_controlled_studies_with_an_rct_give_strong_indications(key_figures, make_evaluation):
    make_evaluation(
        kind=Kind.EFFECT, design=Design.RCT, verdict=Verdict.PROVEN, elements=[key_figures]
    )
    make_evaluation(
        kind=Kind.EFFECT,
        design=Design.QUASI_EXPERIMENTAL,
        verdict=Verdict.INDICATIONS,
        access=Access.CONFIDENTIAL,
        elements=[key_figures],
    )
    summary = evidence_for([key_figures])[key_figures.pk]
    assert summary.level == EvidenceLevel.STRONG_INDICATIONS
    assert summary.label == "sterke aanwijzingen voor effectiviteit"
    assert summary.strongest_design == Design.RCT
    assert (summary.total, summary.public, summary.confidential) == (2, 1, 1)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.WITHDRAWN])
def test_unpublished_evaluations_do_not_count(key_figures, make_evaluation, status):
    make_evaluation(
        kind=Kind.EFFECT,
        design=Design.RCT,
        verdict=Verdict.PROVEN,
        status=status,
        elements=[key_figures],
    )
    assert level_of(key_figures) == EvidenceLevel.NONE


def test_counts_are_split_by_kind_and_design(key_figures, make_evaluation):
    make_evaluation(kind=Kind.PLAN, design=Design.DESCRIPTIVE, elements=[key_figures])
    make_evaluation(kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures])
    make_evaluation(kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures])
    summary = evidence_for([key_figures])[key_figures.pk]
    assert [(k, n) for k, _label, n in summary.by_kind] == [
        ("plan", 1),
        ("proces", 2),
        ("effect", 0),
    ]
    assert [(d, n) for d, _label, n in summary.by_design] == [
        ("beschrijvend", 1),
        ("kwalitatief", 2),
    ]
    assert summary.strongest_design == Design.QUALITATIVE


def test_evidence_for_many_elements_takes_two_queries_then_one_from_the_cache(
    key_figures, venue, make_evaluation, django_assert_num_queries
):
    make_evaluation(kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures, venue])
    # Empty cache: the version lookup and the aggregation.
    with django_assert_num_queries(2):
        summaries = evidence_for([key_figures, venue])
    assert summaries[venue.pk].level == EvidenceLevel.FOUNDED
    # Warm cache: only the version lookup.
    with django_assert_num_queries(1):
        again = evidence_for([venue, key_figures])
    assert again[venue.pk].level == EvidenceLevel.FOUNDED


def test_cached_evidence_follows_withdraw_and_publish(key_figures, make_evaluation):
    evaluation = make_evaluation(
        kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures]
    )
    assert evidence_for([key_figures])[key_figures.pk].level == EvidenceLevel.FOUNDED
    withdraw(Evaluation.objects.filter(pk=evaluation.pk))
    assert evidence_for([key_figures])[key_figures.pk].level != EvidenceLevel.FOUNDED
    publish(Evaluation.objects.filter(pk=evaluation.pk))
    assert evidence_for([key_figures])[key_figures.pk].level == EvidenceLevel.FOUNDED


def test_cached_evidence_follows_a_deleted_evaluation(key_figures, make_evaluation):
    make_evaluation(kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures])
    evaluation = make_evaluation(
        kind=Kind.PROCESS, design=Design.QUALITATIVE, elements=[key_figures]
    )
    assert evidence_for([key_figures])[key_figures.pk].total == 2
    Evaluation.objects.filter(pk=evaluation.pk).delete()
    assert evidence_for([key_figures])[key_figures.pk].total == 1


def test_types_lessons_and_interventions_have_evidence_too(
    parenting, safe_setting, weerbaar_opvoeden, make_evaluation
):
    make_evaluation(
        kind=Kind.EFFECT,
        design=Design.PRE_POST,
        verdict=Verdict.INDICATIONS,
        types=[parenting],
        lessons=[safe_setting],
        interventions=[weerbaar_opvoeden],
    )
    for obj in (parenting, safe_setting, weerbaar_opvoeden):
        assert evidence_for([obj])[obj.pk].level == EvidenceLevel.FIRST_INDICATIONS


def test_the_plan_wizard_gets_plain_labels_per_element(key_figures, venue, make_evaluation):
    make_evaluation(kind=Kind.PLAN, design=Design.DESCRIPTIVE, elements=[venue])
    assert evidence_labels_for_elements([key_figures.pk, venue.pk]) == {
        key_figures.pk: "geen evaluaties",
        venue.pk: "goed beschreven",
    }


def test_the_evidence_slot_on_a_list_page_costs_no_queries(
    key_figures, venue, make_evaluation, django_assert_num_queries
):
    from django.template.loader import render_to_string

    from evaluations.evidence import evidence_context

    make_evaluation(kind=Kind.PLAN, design=Design.DESCRIPTIVE, elements=[venue], is_example=True)
    context = evidence_context([key_figures, venue])
    with django_assert_num_queries(0):
        html = "".join(
            render_to_string(
                "interventions/includes/evidence_slot.html", {**context, "subject": element}
            )
            for element in (key_figures, venue)
        )
    assert "geen evaluaties" in html and "goed beschreven" in html
    assert "Let op: 1 daarvan is een fictief voorbeeld" in html
    assert "Er is (nog) geen effectevaluatie" in html
