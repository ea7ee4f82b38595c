"""The version number of everything the public pages show.

Each app names its public models with `track(...)` in its AppConfig.ready(). Saving or
deleting one of them, or changing one of their many-to-many links, raises the number in
the same transaction as the change itself: a page rendered from the old data can only
ever be stored under the old number.

Not seen: `QuerySet.update()`, `bulk_create()` and raw SQL send no signals. The portal
uses none of them on public content (admin, import and fixtures save object by object);
shared copies of pages expire after a few minutes anyway (`ebw_portal.page_cache`).
"""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from interventions.models import PublicContentVersion

SINGLETON = 1


def current() -> int:
    """The current number (one indexed query)."""
    number = PublicContentVersion.objects.filter(pk=SINGLETON).values_list("number", flat=True)
    return next(iter(number), 0)


def raise_version(**_signal_kwargs) -> None:
    raised = PublicContentVersion.objects.filter(pk=SINGLETON).update(number=F("number") + 1)
    if not raised:
        # The first change ever (or the first after a test flushed the table).
        PublicContentVersion.objects.get_or_create(pk=SINGLETON, defaults={"number": 1})


def _on_m2m_changed(action, **kwargs):
    if action.startswith("post_"):
        raise_version()


def track(*models) -> None:
    for model in models:
        uid = f"public-content:{model._meta.label}"
        post_save.connect(raise_version, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(raise_version, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}:{field.name}",
            )
