"""Anonymous visitors share one rendered copy of each public page.

Most visitors of the catalogue and the evidence pages are not logged in, and for them a
page differs only by its URL, the language and the CSRF token in the language switch.
So the first anonymous request renders the page as usual and stores it with the token
cut out; later ones get the stored copy with their own token put back: no templates,
no aggregation of evaluations, and mostly not even a query
(see `ebw_portal.common.content_version.current`).

Django's own `cache_page` cannot do this: it would hand every visitor the first one's
CSRF token, or (rightly) refuse to cache a response that sets the CSRF cookie.

Only a request without a session or messages cookie is served a shared copy: such a
visitor is anonymous and has no flash message waiting. The key holds
`ebw_portal.common.content_version.current()`, which goes up with every change to public
content, on every server at once.
Logged-in users are never served a copy: their pages are rendered on every request.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from ebw_portal.common import content_version

# A safety net for changes no signal reports (see interventions/content_version.py).
TIMEOUT = 5 * 60

# `{% csrf_token %}` renders this input; base.html also repeats the token in hx-headers.
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# NUL bytes: no template writes them and PostgreSQL cannot store them in text, so no
# page content can contain this slot by accident.
_TOKEN_SLOT = b"\x00csrf-token\x00"


def _shared_copy_allowed(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{content_version.current()}:{get_language()}:{path}"


def _storable(response) -> bytes | None:
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies.keys() - {settings.CSRF_COOKIE_NAME}
    ):
        return None
    content = response.content
    token = _CSRF_INPUT.search(content)
    return content.replace(token.group(1), _TOKEN_SLOT) if token else content


def _serve(request, stored) -> HttpResponse:
    content, content_type = stored
    token = get_token(request).encode()  # also sets the visitor's CSRF cookie if needed
    return HttpResponse(content.replace(_TOKEN_SLOT, token), content_type=content_type)


def _store(key, response, timeout) -> None:
    content = _storable(response)
    if content is not None:
        cache.set(key, (content, response["Content-Type"]), timeout)


def _kept_copy(view, allowed, key_of, timeout):
    """`view`, answered from a stored copy under `key_of(request)` when `allowed`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not allowed(request):
            return view(request, *args, **kwargs)
        key = key_of(request)
        stored = cache.get(key)
        if stored is not None:
            return _serve(request, stored)
        response = view(request, *args, **kwargs)
        _store(key, response, timeout)
        return response

    return wrapper


def shared_public_page(view):
    """Serve anonymous visitors a shared copy of this public, read-only page."""
    return _kept_copy(view, _shared_copy_allowed, _key, TIMEOUT)
