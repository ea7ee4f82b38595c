"""Settings for `make bench`: the portal's own settings, plus the floor page and a way
to ask for a cold request.

Used by gunicorn and the Django subprocesses of the bench as `bench.settings`, with
scripts/ on PYTHONPATH (see `bench.databases.bench_env`). The URLconf adds the floor
page; one middleware in front empties every cache for a request that carries the
`X-Bench-Cold` header (`bench.cold`) and does nothing for any other request. Every
measured page therefore runs through exactly the middleware, templates and database
settings that production uses.
"""

from ebw_portal.settings import *  # noqa: F403
from ebw_portal.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.cold.ColdRequestMiddleware", *MIDDLEWARE]
