"""`python scripts/bench.py --profile KEY`: where one page spends its time at 100x.

Profiles a cold visit (every cache empty, as the targets are measured): prints the
visit's wall time, each query's time (slowest first) and, when pyinstrument is
installed, the Python call tree. Runs inside Django.
"""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import config, measure
from bench.cold import empty_every_cache
from bench.config import FLOOR
from ebw_portal.accounts.models import User


def profile(key: str) -> None:
    target = next(t for t in measure.targets() if t["key"] == key)
    client = Client()
    if target["login"]:
        client.force_login(User.objects.get(username=config.BENCH_USERNAME))
    path = target["path"] + ("?bytes=0" if key == FLOOR else "")

    # A first visit opens a stretch of work for a save and loads the code.
    measure.visit(client, target, path, measure.form_data(target, 0))
    data = measure.form_data(target, 1)
    empty_every_cache()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        status, content, problem = measure.visit(client, target, path, data)
    wall = time.perf_counter() - started
    query_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    reason = f" ({problem})" if problem else ""
    print(f"{target['label']} (koud): {status}, {len(content)} bytes{reason}")
    print(f"  {wall * 1000:.1f} ms, waarvan {query_ms:.1f} ms in {len(queries)} queries")
    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
        print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:600]}")
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("(pyinstrument niet geïnstalleerd: geen Python-profiel)")
        return
    data = measure.form_data(target, 2)
    empty_every_cache()
    profiler = Profiler(interval=0.0005)
    with profiler:
        measure.visit(client, target, path, data)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
