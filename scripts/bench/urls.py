"""The portal's URLs plus the benchmark's floor: a bare view behind the same middleware.

The floor answers what the framework alone costs per request (middleware, session and
CSRF machinery, gunicorn, loopback), so `make bench` can judge a page by its ratio to
the floor instead of by absolute numbers that depend on the machine.
"""

from functools import lru_cache

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse

from ebw_portal.urls import urlpatterns as portal_urlpatterns

FLOOR_PAGE_START = "<!doctype html><html lang=nl><title>vloer</title><p>"
MAX_FLOOR_BYTES = 2_000_000


@lru_cache(maxsize=16)
def _floor_body(size: int) -> bytes:
    filler = max(size - len(FLOOR_PAGE_START), 0)
    return (FLOOR_PAGE_START + "x" * filler).encode()


def _size(request, name: str) -> int:
    try:
        return min(int(request.GET.get(name, "0")), MAX_FLOOR_BYTES)
    except ValueError:
        return 0


def floor(request):
    """A static page of `?bytes=N` bytes (the size of the page it is compared with).

    A POST is answered the same way after reading its form, as any view that handles a
    form does: the floor of the autosave then includes what the framework does for a
    POST (reading and parsing the body, checking the CSRF token). A POST with
    `?volgende=N` is answered like "Opslaan en verder": a redirect to a floor page of N
    bytes."""
    if request.method == "POST":
        request.POST  # noqa: B018 (parsing the form is the point)
        if "volgende" in request.GET:
            following = _size(request, "volgende")
            return HttpResponseRedirect(f"{reverse('bench_floor')}?bytes={following}")
    return HttpResponse(
        _floor_body(_size(request, "bytes")), content_type="text/html; charset=utf-8"
    )


urlpatterns = [path("bench/vloer/", floor, name="bench_floor"), *portal_urlpatterns]
