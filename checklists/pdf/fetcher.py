"""The only way WeasyPrint may load anything while rendering a plan.

A plan holds text typed by municipal users. It is autoescaped, so it can never become
an <img> or <link>; this fetcher is the second wall. It serves `data:` URLs and the
app's own static files (the stylesheet and the embedded fonts), resolved through the
staticfiles finders (or the collected STATIC_ROOT, for hashed names in production) and
checked to lie inside one of those folders. Everything else — http(s), other file
paths, path traversal, other schemes — is refused without opening anything, so there
is nothing to redirect either.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

# Relative URLs in the document resolve against this base, so they reach the fetcher
# as file URLs under the static URL path, never as paths on the machine.
STATIC_BASE_URL = "file://" + urlsplit(settings.STATIC_URL).path

CONTENT_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class ForbiddenURL(URLFetchingError):
    """The document asked for something outside the app's static files."""


def _static_roots() -> list[Path]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def resolve_static(name: str) -> Path:
    """The file behind a static name like 'css/pdf.css', or ForbiddenURL."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        raise ForbiddenURL(f"not a static file name: {name!r}")
    try:
        found = finders.find(name)
        if not found and staticfiles_storage.exists(name):
            # Production: hashed names exist only in STATIC_ROOT after collectstatic.
            found = staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError, ValueError) as exc:
        raise ForbiddenURL(f"not a static file: {name!r}") from exc
    if not found:
        raise ForbiddenURL(f"no such static file: {name!r}")
    path = Path(os.path.realpath(found))
    if not path.is_file() or not _inside(path, _static_roots()):
        raise ForbiddenURL(f"outside the static folders: {name!r}")
    return path


class StaticOnlyURLFetcher(URLFetcher):
    """data: URLs and the app's static files; nothing else, no redirects."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, **kwargs)
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._static_file(url)
        raise ForbiddenURL(f"refused to fetch {url!r}")

    def _static_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        prefix = urlsplit(STATIC_BASE_URL).path
        if parts.netloc or not parts.path.startswith(prefix):
            raise ForbiddenURL(f"refused to fetch {url!r}")
        name = unquote(parts.path[len(prefix) :])
        if any(segment in ("", ".", "..") for segment in name.split("/")):
            raise ForbiddenURL(f"refused to fetch {url!r}")
        path = resolve_static(name)
        content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(
            url, _read(path), headers={"Content-Type": content_type}, status=200
        )


_file_cache: dict[tuple[Path, float], bytes] = {}


def _read(path: Path) -> bytes:
    """Fonts and the stylesheet are read once per process (until the file changes)."""
    key = (path, path.stat().st_mtime)
    if key not in _file_cache:
        _file_cache[key] = path.read_bytes()
    return _file_cache[key]
