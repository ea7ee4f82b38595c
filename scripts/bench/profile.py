"""`python scripts/bench.py --profile KEY`: where one page spends its time at 100x.

Prints the request's wall time, each query's time (slowest first) and, when
pyinstrument is installed, the Python call tree. Runs inside Django.
"""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import config, measure
from ebw_portal.accounts.models import User


def profile(key: str) -> None:
    target = next(t for t in measure.targets() if t["key"] == key)
    client = Client()
    if target["login"]:
        client.force_login(User.objects.get(username=config.BENCH_USERNAME))

    def call(n, data=None):
        if target["method"] == "POST":
            return client.post(target["path"], data or measure.autosave_data(target, n))
        return client.get(target["path"])

    call(0)
    data = measure.autosave_data(target, 1) if target["method"] == "POST" else None
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = call(1, data)
    wall = time.perf_counter() - started
    query_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{target['label']}: {response.status_code}, {len(response.content)} bytes")
    print(f"  {wall * 1000:.1f} ms, waarvan {query_ms:.1f} ms in {len(queries)} queries")
    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"])):
        print(f"  {float(q['time']) * 1000:7.1f} ms  {q['sql'][:600]}")
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("(pyinstrument niet geïnstalleerd: geen Python-profiel)")
        return
    profiler = Profiler(interval=0.0005)
    with profiler:
        call(2)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
