"""Anonymous visitors share one rendered copy of each public page.

Most visitors of the catalogue and the evidence pages are not logged in, and for them a
page differs only by its URL and language: public pages carry no CSRF token (the
language switch is a link), so Django's own `cache_page` can serve them. The key holds
`content_version.current()`, which goes up with every change to public content, on
every server at once; the number is remembered for a second, so a stored copy mostly
needs no query at all.

Only a request without a session or messages cookie gets a stored copy: such a visitor
is anonymous and has no flash message waiting. Logged-in users are never served a copy:
their pages are rendered on every request.
"""

from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.views.decorators.cache import cache_page

from ebw_portal.common import content_version

# A safety net for changes no signal reports (see content_version.py).
TIMEOUT = 5 * 60


def _anonymous_visitor(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def shared_public_page(view):
    """Serve anonymous visitors a shared copy of this public, read-only page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _anonymous_visitor(request):
            return view(request, *args, **kwargs)
        prefix = f"public-page:{content_version.current()}"
        response = cache_page(TIMEOUT, key_prefix=prefix)(view)(request, *args, **kwargs)
        # The copy is the server's: a browser asks again, so a change shows at once.
        response.headers.pop("Expires", None)
        response["Cache-Control"] = "no-cache"
        return response

    return wrapper
