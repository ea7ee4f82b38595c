"""The one rule for plans (checklists/access.py): what a user may read or change of one
plan in hand is exactly what the lists of plans show them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from checklists import access
from checklists.models import PlanOfApproach


@pytest.fixture
def plans(delft_plan, utrecht_plan):
    """Every kind of plan the rule tells apart, all of Delft but one of Utrecht."""

    def delft_copy(**flags):
        return PlanOfApproach.objects.create(
            municipality=delft_plan.municipality,
            checklist=delft_plan.checklist,
            title=f"Delft {flags}",
            intervention_type=delft_plan.intervention_type,
            created_by=delft_plan.created_by,
            updated_by=delft_plan.created_by,
            **flags,
        )

    return {
        "delft concept": delft_plan,
        "delft voorbeeld": delft_copy(is_example_plan=True),
        "delft gearchiveerd voorbeeld": delft_copy(is_example_plan=True, is_archived=True),
        "delft gedeeld met ESS": delft_copy(shared_with_ess=True),
        "utrecht concept": utrecht_plan,
    }


@pytest.fixture
def users(alice, dirk, bob, ess_user):
    return {"anonymous": AnonymousUser(), "alice": alice, "dirk": dirk, "bob": bob, "eva": ess_user}


EXPECTED_READ = {
    "anonymous": set(),
    "alice": {"delft concept", "delft voorbeeld", "delft gearchiveerd voorbeeld",
              "delft gedeeld met ESS"},
    "dirk": {"delft concept", "delft voorbeeld", "delft gearchiveerd voorbeeld",
             "delft gedeeld met ESS"},
    "bob": {"delft voorbeeld", "utrecht concept"},
    "eva": {"delft voorbeeld", "delft gedeeld met ESS"},
}  # fmt: skip
EXPECTED_EDIT = {
    "anonymous": set(),
    "alice": EXPECTED_READ["alice"],
    "dirk": set(),  # a lezer
    "bob": {"utrecht concept"},
    "eva": set(),
}


@pytest.mark.parametrize("who", list(EXPECTED_READ))
def test_one_plan_in_hand_and_the_lists_follow_the_same_rule(plans, users, who):
    user = users[who]
    readable = {name for name, plan in plans.items() if access.may_read(user, plan)}
    editable = {name for name, plan in plans.items() if access.may_edit(user, plan)}
    listed = set(PlanOfApproach.objects.visible_to(user).values_list("pk", flat=True))
    listed_editable = set(PlanOfApproach.objects.editable_by(user).values_list("pk", flat=True))

    assert readable == EXPECTED_READ[who]
    assert editable == EXPECTED_EDIT[who]
    assert listed == {plans[name].pk for name in readable}
    assert listed_editable == {plans[name].pk for name in editable}


def test_templates_ask_the_same_rule(plans, alice, dirk):
    template = Template(
        "{% load rules %}{% test_rule 'checklists.edit_plan' user plan as can_edit %}"
        "{% if can_edit %}bewerken{% else %}alleen lezen{% endif %}"
    )
    plan = plans["delft concept"]
    assert template.render(Context({"user": alice, "plan": plan})) == "bewerken"
    assert template.render(Context({"user": dirk, "plan": plan})) == "alleen lezen"
