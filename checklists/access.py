"""The only ways views fetch a plan: through the visibility rules of PlanQuerySet."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from checklists.models import PlanOfApproach


def get_plan_for_user(user, pk, queryset=None) -> PlanOfApproach:
    """A plan the user may read; 404 otherwise, so other municipalities' plans do not
    even reveal that they exist."""
    queryset = queryset if queryset is not None else PlanOfApproach.objects.all()
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_plan_for_editor(user, pk, queryset=None) -> PlanOfApproach:
    """A plan the user may change: 404 if invisible, 403 if only readable (a lezer, or
    another municipality's voorbeeldplan)."""
    plan = get_plan_for_user(user, pk, queryset)
    if not PlanOfApproach.objects.editable_by(user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    return plan


def can_edit(user, plan) -> bool:
    return user.is_editor and plan.municipality_id == user.municipality_id
