"""The version number of everything the public pages show.

Each app names its public models with `track(...)` in its AppConfig.ready(). Saving or
deleting one of them, or changing one of their many-to-many links, raises the number in
the same transaction as the change itself: a page rendered from the old data can only
ever be stored under the old number. The price: two transactions that change public
content (say a long import and a save in the admin) take turns at this one row.

Not seen: `QuerySet.update()`, `bulk_create()` and raw SQL send no signals. The portal
uses none of them on public content (admin, import and fixtures save object by object);
shared copies of pages expire after a few minutes anyway (`ebw_portal.common.page_cache`).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from ebw_portal.common.models import PublicContentVersion

SINGLETON = 1

# The number is read from the database at most once a second per cache: a page served
# from its shared copy then needs no query at all. A change clears the remembered number
# at once in this process (and, with a shared cache, on every server); another process
# with its own LocMemCache sees the change within this many seconds.
REMEMBER_SECONDS = 1
_REMEMBERED = "public-content-version"


def current() -> int:
    number = cache.get(_REMEMBERED)
    if number is None:
        rows = PublicContentVersion.objects.filter(pk=SINGLETON).values_list("number", flat=True)
        number = next(iter(rows), 0)
        cache.set(_REMEMBERED, number, REMEMBER_SECONDS)
    return number


def _forget() -> None:
    cache.delete(_REMEMBERED)


def raise_version(**_signal_kwargs) -> None:
    raised = PublicContentVersion.objects.filter(pk=SINGLETON).update(number=F("number") + 1)
    if not raised:
        # The first change ever (or the first after a test flushed the table).
        PublicContentVersion.objects.get_or_create(pk=SINGLETON, defaults={"number": 1})
    _forget()
    # Again after the commit: a request in between may have remembered the old number.
    transaction.on_commit(_forget)


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
