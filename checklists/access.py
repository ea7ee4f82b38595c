"""The one rule for who may read and who may change a plan of approach.

Each rule is written twice, side by side, so the two can never drift apart unseen:
- as `rules` predicates, for one plan in hand (views, services, templates:
  `{% load rules %}{% test_rule "checklists.edit_plan" user plan as can_edit %}`);
- as a `Q` object, for lists of plans (`PlanOfApproach.objects.visible_to(user)`), so a
  list never loads a plan only to throw it away.
tests/checklists/test_access.py checks that both say the same for every kind of user
and plan.

Reading: the own municipality's plans; voorbeeldplannen for every logged-in user while
they are not archived (a municipality that archives a plan no longer offers it as an
example); plans shared with ESS for ESS staff.
What only the team sees: the plan's history, its internal review findings and the names
of the people in it stay with the own municipality, also when the plan is shared
(`may_see_internals`); what a reader from outside sees is decided in
checklists/wizard/sharing.py.
Changing: only a redacteur, only the own municipality's plans. Whether a plan still
takes changes (concept, not archived) is the plan's own state, not access:
`PlanOfApproach.accepts_changes`.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _


@rules.predicate
def is_editor(user):
    return user.is_authenticated and user.is_editor


@rules.predicate
def is_ess(user):
    return user.is_authenticated and user.is_ess


@rules.predicate
def of_own_municipality(user, plan):
    return (
        user.is_authenticated
        and bool(user.municipality_id)
        and (plan.municipality_id == user.municipality_id)
    )


@rules.predicate
def is_open_example(user, plan):
    return plan.is_example_plan and not plan.is_archived


@rules.predicate
def is_shared_with_ess(user, plan):
    return plan.shared_with_ess


may_read_plan = rules.is_authenticated & (
    of_own_municipality | is_open_example | (is_ess & is_shared_with_ess)
)
may_edit_plan = is_editor & of_own_municipality
may_see_plan_internals = rules.is_authenticated & of_own_municipality
# New plans (and copies) always belong to the creator's own municipality.
may_create_plan = is_editor

rules.add_rule("checklists.read_plan", may_read_plan)
rules.add_rule("checklists.edit_plan", may_edit_plan)
rules.add_rule("checklists.create_plan", may_create_plan)
rules.add_rule("checklists.see_plan_internals", may_see_plan_internals)


def readable_by(user) -> Q:
    """`may_read_plan` as a filter on plans."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    readable = Q(is_example_plan=True, is_archived=False)
    if user.municipality_id:
        readable |= Q(municipality_id=user.municipality_id)
    if user.is_ess:
        readable |= Q(shared_with_ess=True)
    return readable


def editable_by(user) -> Q:
    """`may_edit_plan` as a filter on plans."""
    if not (user.is_authenticated and user.is_editor and user.municipality_id):
        return Q(pk__in=[])
    return Q(municipality_id=user.municipality_id)


def may_read(user, plan) -> bool:
    return may_read_plan(user, plan)


def may_edit(user, plan) -> bool:
    return may_edit_plan(user, plan)


def may_create(user) -> bool:
    return may_create_plan(user)


def may_see_internals(user, plan) -> bool:
    return may_see_plan_internals(user, plan)


def read_only_reason(user, plan) -> str | None:
    """Why the user may read this plan but not change it, in words for the top of the
    plan's pages; None when the user may change it."""
    if may_edit(user, plan):
        return None
    municipality = plan.municipality.name
    if of_own_municipality(user, plan):
        return _(
            "U hebt leesrechten: u bent lezer bij de gemeente %(municipality)s. Een "
            "redacteur van uw gemeente kan dit plan wijzigen."
        ) % {"municipality": municipality}
    if is_ess(user) and is_shared_with_ess(user, plan):
        return _(
            "U hebt leesrechten: de gemeente %(municipality)s heeft dit plan met ESS gedeeld "
            "voor advies. U ziet wat de gemeente heeft gedeeld."
        ) % {"municipality": municipality}
    if is_editor(user):
        return _(
            "U hebt leesrechten: dit is een voorbeeldplan van de gemeente %(municipality)s. "
            "Kopieer het naar uw eigen plannen om het aan te passen."
        ) % {"municipality": municipality}
    return _("U hebt leesrechten: dit is een voorbeeldplan van de gemeente %(municipality)s.") % {
        "municipality": municipality
    }


def ensure_may_edit(user, plan) -> None:
    if not may_edit(user, plan):
        raise PermissionDenied


def get_plan_for_user(user, pk, queryset=None):
    """A plan the user may read; 404 otherwise, so other municipalities' plans do not
    even reveal that they exist."""
    from checklists.models import PlanOfApproach  # the models use this module's filters

    queryset = queryset if queryset is not None else PlanOfApproach.objects.all()
    return get_object_or_404(queryset.filter(readable_by(user)), pk=pk)


def get_plan_for_team(user, pk, queryset=None):
    """A plan of the user's own municipality, for what is never shared (history, review
    findings): 404 for everyone else, also for readers of a shared plan."""
    plan = get_plan_for_user(user, pk, queryset)
    if not may_see_internals(user, plan):
        raise Http404
    return plan


def get_plan_for_editor(user, pk, queryset=None):
    """A plan the user may change: 404 if unreadable, 403 if only readable (a lezer, or
    another municipality's voorbeeldplan)."""
    plan = get_plan_for_user(user, pk, queryset)
    ensure_may_edit(user, plan)
    return plan
