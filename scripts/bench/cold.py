"""A cold request: every cache empty, as for the first visit after a change.

`empty_every_cache()` empties every configured Django cache, forgets the version
number of the public content that `ebw_portal.common.content_version` remembers, and
clears the `functools` caches of the portal's own modules. What stays warm is what a
running server keeps regardless of the data: compiled templates, URL patterns and
translations (a restart is not measured).

The measurements call it before each cold request; under load, `bench.settings` puts
`ColdRequestMiddleware` in front of the portal's middleware, which calls it for every
request that carries the `X-Bench-Cold` header (each gunicorn worker has its own
LocMemCache, so it empties only its own).
"""

import functools
import sys

from django.core.cache import caches

HEADER = "X-Bench-Cold"
_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")
PRODUCT_PACKAGES = ("ebw_portal", "interventions", "evaluations", "checklists")

_product_function_caches: list | None = None


def _function_caches() -> list:
    """Every `lru_cache`/`cache`-decorated function at module level in the portal's
    code, looked up once (after the first request every view module is imported)."""
    global _product_function_caches
    if _product_function_caches is None:
        found = []
        for name, module in list(sys.modules.items()):
            if module is None or name.split(".")[0] not in PRODUCT_PACKAGES:
                continue
            for value in vars(module).values():
                if isinstance(value, functools._lru_cache_wrapper) and value not in found:
                    found.append(value)
        _product_function_caches = found
    return _product_function_caches


def _forget_content_version() -> None:
    from ebw_portal.common import content_version

    forget = getattr(content_version, "forget", None) or getattr(content_version, "_forget", None)
    if forget is not None:
        forget()


def empty_every_cache() -> None:
    for cache in caches.all():
        cache.clear()
    _forget_content_version()
    for function in _function_caches():
        function.cache_clear()


class ColdRequestMiddleware:
    """Empties every cache before a request with the `X-Bench-Cold` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _META_KEY in request.META:
            empty_every_cache()
        return self.get_response(request)
