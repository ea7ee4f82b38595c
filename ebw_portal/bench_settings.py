"""Settings for `make bench`: the portal's own settings, plus the floor page.

Only the URLconf differs, so every measured page runs through exactly the middleware,
templates and database settings that production uses.
"""

from ebw_portal.settings import *  # noqa: F403

ROOT_URLCONF = "ebw_portal.bench_urls"
