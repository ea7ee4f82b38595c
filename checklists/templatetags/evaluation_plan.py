"""`{% evaluation_readiness plan %}`: the evaluation plan's readiness box, for the
wizard's own templates (evaluation step, review step, plan overview). A tag rather than
view context, so the wizard's views need no change to show it."""

from django import template

from checklists.access import can_edit
from checklists.evaluation_plan.readiness import load_evaluation_plan, readiness_warnings

register = template.Library()


@register.inclusion_tag("checklists/evaluation_plan/_readiness_box.html", takes_context=True)
def evaluation_readiness(context, plan):
    evaluation_plan = load_evaluation_plan(plan)
    request = context["request"]
    return {
        # An inclusion tag's template gets only what it is given: the warnings' action
        # forms need the request (to come back to this page) and the CSRF token.
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "plan": plan,
        "evaluation_count": len(evaluation_plan.evaluations),
        "warnings": readiness_warnings(plan, evaluation_plan),
        "can_edit": can_edit(request.user, plan) and plan.accepts_changes,
    }
