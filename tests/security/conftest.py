"""Shared set-up of the security review: the wizard's fixtures (Delft's and Utrecht's
plans), a way to walk the whole URLconf, and a snapshot of everything a municipality
owns, to prove that a refused request wrote nothing."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.checklists.conftest import (  # noqa: F401 - fixtures for the security tests
    carla,
    checklist,
    delft_plan,
    ess_user,
    parenting,
    utrecht_plan,
)


def all_routes(patterns=None, prefix="", namespace=None):
    """(route, namespace, name, pattern, callback) for every URL of the portal."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from all_routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
            )
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.name, pattern, pattern.callback


def municipal_data_snapshot() -> dict:
    """Every row of every model that holds a municipality's plans, to compare before and
    after a request that must change nothing."""
    from django.apps import apps

    snapshot = {}
    for model in apps.get_app_config("checklists").get_models():
        if model._meta.model_name in {"checklist", "checklistsection", "checklistitem"}:
            continue
        snapshot[model._meta.label] = list(model.objects.order_by("pk").values())
    return snapshot
