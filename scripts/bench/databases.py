"""The two bench databases on the project's PostgreSQL cluster, built once and reused.

`ebw_bench_small` holds the demo content plus the bench login (1x); `ebw_bench` is a
copy of it topped up to 100x. A marker table records a fingerprint of everything that
shapes the data (migrations, fixtures, demo code, the builder): when it still matches
and the sizes are right, a second run reuses the databases.
"""

import hashlib
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

from bench import config

MARKER_TABLE = "bench_dataset"
FINGERPRINT_GLOBS = [
    "*/migrations/*.py",
    "*/*/migrations/*.py",
    "fixtures/*.json",
    "*/demo.py",
    "*/*/demo.py",
    "scripts/bench/builder.py",
    "scripts/bench/config.py",
]


def url_for(base_url: str, name: str) -> str:
    """DATABASE_URL with another database name (host, port, user and options kept)."""
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path="/" + name))


def fingerprint() -> str:
    digest = hashlib.sha256()
    files = sorted({path for pattern in FINGERPRINT_GLOBS for path in config.PROJECT.glob(pattern)})
    for path in files:
        if ".venv" in path.parts:
            continue
        digest.update(str(path.relative_to(config.PROJECT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def cursor_for(url: str):
    """An autocommit cursor on one database; the connection is closed afterwards."""
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        connection.close()


def _exists(admin_url: str, name: str) -> bool:
    with cursor_for(admin_url) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _marker(url: str) -> str | None:
    with cursor_for(url) as cursor:
        cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT fingerprint FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
        return row[0] if row else None


def _set_marker(url: str, value: str) -> None:
    with cursor_for(url) as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(fingerprint text NOT NULL, built_at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (fingerprint) VALUES (%s)", [value])  # noqa: S608


def scalar(url: str, query, params=()):
    with cursor_for(url) as cursor:
        cursor.execute(query, params)
        row = cursor.fetchone()
        return row[0] if row else None


def count(url: str, table: str) -> int:
    return scalar(url, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))


def _recreate(admin_url: str, name: str, template: str | None = None) -> None:
    with cursor_for(admin_url) as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        cursor.execute(statement)


def run_django(env: dict, *args: str, capture: bool = False, project=config.PROJECT) -> str:
    """Run `python -m bench.django_side ...` or `manage.py ...` against env's database."""
    command = [sys.executable, *args]
    result = subprocess.run(
        command,
        cwd=project,
        env=env,
        check=False,
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mislukt (code {result.returncode}): {' '.join(args)}")
    return result.stdout or ""


def ensure(base_env: dict, rebuild: bool) -> dict:
    """Both databases, built or reused. Returns {"small": url, "scale": url}."""
    base_url = base_env["DATABASE_URL"]
    admin_url = url_for(base_url, "postgres")
    urls = {
        "small": url_for(base_url, config.SMALL_DB),
        "scale": url_for(base_url, config.SCALE_DB),
    }
    wanted = fingerprint()

    small_ok = (
        not rebuild and _exists(admin_url, config.SMALL_DB) and _marker(urls["small"]) == wanted
    )
    if not small_ok:
        started = time.monotonic()
        print(f"Database {config.SMALL_DB} opbouwen (migreren, demo-inhoud)...", flush=True)
        _recreate(admin_url, config.SMALL_DB)
        env = {**base_env, "DATABASE_URL": urls["small"]}
        run_django(env, "manage.py", "migrate", "--noinput", "-v", "0")
        run_django(env, "manage.py", "load_demo", "--allow-without-debug", "-v", "0")
        run_django(env, "-m", "bench.django_side", "build-small")
        _set_marker(urls["small"], wanted)
        print(f"  klaar in {time.monotonic() - started:.0f} s", flush=True)
    else:
        print(f"Database {config.SMALL_DB} hergebruikt (zelfde migraties en fixtures).")

    scale_ok = (
        small_ok
        and _exists(admin_url, config.SCALE_DB)
        and _marker(urls["scale"]) == wanted
        and count(urls["scale"], "checklists_planofapproach") >= config.SCALE["plans"]
    )
    if not scale_ok:
        started = time.monotonic()
        print(f"Database {config.SCALE_DB} opbouwen (100x, enkele minuten)...", flush=True)
        # A copy of the small database: migrations and demo content without a second run.
        _recreate(admin_url, config.SCALE_DB, template=config.SMALL_DB)
        env = {**base_env, "DATABASE_URL": urls["scale"]}
        run_django(env, "-m", "bench.django_side", "build-scale")
        with cursor_for(urls["scale"]) as cursor:
            cursor.execute("VACUUM ANALYZE")
        _set_marker(urls["scale"], wanted)
        print(f"  klaar in {time.monotonic() - started:.0f} s", flush=True)
    else:
        print(f"Database {config.SCALE_DB} hergebruikt (zelfde migraties en fixtures, 100x).")
    return urls


def settings_module(project: Path) -> str:
    """`bench.settings` (scripts/bench/settings.py, with scripts/ on PYTHONPATH); a
    checkout from before it moved there (`--compare`) has it in ebw_portal."""
    if (project / "scripts" / "bench" / "settings.py").exists():
        return "bench.settings"
    return "ebw_portal.bench_settings"


def bench_env(database_url: str, secret_key: str, project: Path = config.PROJECT) -> dict:
    """Production-like settings (DEBUG off) for gunicorn and the Django subprocesses."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings_module(project),
        "PYTHONPATH": os.pathsep.join([str(project), str(project / "scripts")]),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_HSTS_SECONDS": "0",
    }
