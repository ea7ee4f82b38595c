"""The test factories make rows that fit together: a plan's maker belongs to the plan's
municipality, a reviewer is a colleague, a test user logs in with the shared password."""

import pytest

from checklists.models.review import may_review
from tests.conftest import PASSWORD
from tests.factories import (
    EffectiveElementFactory,
    InterventionTypeFactory,
    PlanOfApproachFactory,
    PlanReviewFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_user_is_a_redacteur_of_a_municipality_with_the_shared_password():
    user = UserFactory(username="greet-gouda")
    assert user.is_editor and user.municipality is not None
    assert user.first_name == "Greet"
    assert user.check_password(PASSWORD)
    assert UserFactory(username="greet-gouda") == user  # the same username, the same user


def test_an_ess_user_has_no_municipality():
    user = UserFactory(ess=True)
    assert user.is_ess and user.municipality is None


def test_a_plan_belongs_to_the_municipality_of_its_maker(alice):
    plan = PlanOfApproachFactory(created_by=alice)
    assert plan.municipality == alice.municipality
    assert plan.updated_by == alice

    plan = PlanOfApproachFactory()
    assert plan.created_by.municipality == plan.municipality


def test_a_plan_without_a_maker_takes_the_municipality_it_is_given(delft):
    plan = PlanOfApproachFactory(created_by=None, municipality=delft)
    assert (plan.municipality, plan.created_by, plan.updated_by) == (delft, None, None)


def test_a_reviewer_is_a_colleague_invited_by_the_plans_maker():
    review = PlanReviewFactory()
    assert may_review(review.reviewer, review.plan)
    assert review.invited_by == review.plan.created_by


def test_many_to_many_links_are_added():
    kind = InterventionTypeFactory()
    element = EffectiveElementFactory(types=[kind])
    assert list(element.types.all()) == [kind]
