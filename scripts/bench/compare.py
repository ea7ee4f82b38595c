"""`scripts/bench.py --compare CHECKOUT --compare-db NAME`: before/after on a busy machine.

Runs this checkout ("vóór", database ebw_bench) and another checkout with a proposed
fix ("na", its own bench database, see EBW_BENCH_DB) side by side: both servers run
at once and every page is loaded in alternating short rounds, so whatever else runs
on the machine slows both sides alike. Both databases must exist (one normal run in
each checkout builds them). The saves (autosave, "Opslaan en verder") are left out:
they write, so the two sides would not start from the same plan.
"""

import json
import secrets
import statistics
from contextlib import ExitStack
from pathlib import Path

from bench import config, databases, load, server

SKIP = {"autosave", "step_next"}


def _side(label, project: Path, database_url: str, secret_key: str) -> dict:
    env = databases.bench_env(database_url, secret_key, project)
    server.collectstatic(env, project)
    targets = json.loads(
        databases.run_django(
            env, "-m", "bench.django_side", "targets", capture=True, project=project
        )
    )
    return {"label": label, "project": project, "env": env, "targets": targets}


def compare(
    base_url: str, other: Path, other_db: str, rounds: int, duration: int, connections: int
):
    secret_key = secrets.token_urlsafe(50)
    sides = [
        _side("vóór", config.PROJECT, databases.url_for(base_url, config.SCALE_DB), secret_key),
        _side("na", other.resolve(), databases.url_for(base_url, other_db), secret_key),
    ]
    with ExitStack() as stack:
        for side in sides:
            side["base"] = stack.enter_context(server.running(side["env"], side["project"]))
            side["user"], side["anonymous"] = load.Browser(side["base"]), load.Browser(side["base"])
            problem = load.log_in(
                side["user"], "/account/inloggen/", config.BENCH_USERNAME, config.BENCH_PASSWORD
            )
            if problem:
                raise RuntimeError(f"{side['label']}: {problem}")
            home = side["targets"][0]["path"]
            side["home_bytes"] = len(side["anonymous"].request(home)[1])
        results = {}
        for index, target in enumerate(sides[0]["targets"]):
            if target["key"] in SKIP or not target["path"]:
                continue
            print(f"  {target['label']}: {rounds} rondes van {duration} s per kant...", flush=True)
            for _ in range(rounds):
                for side in sides:
                    own = side["targets"][index]
                    path = own["path"]
                    if own["key"] == config.FLOOR:
                        path += f"?bytes={side['home_bytes']}"
                    cookie = side["user"].cookie_header() if own["login"] else None
                    outcome = load.load_page(side["base"], path, cookie, duration, connections)
                    if outcome["non_200"] or outcome["socket_errors"]:
                        raise RuntimeError(f"{side['label']} {path}: antwoorden niet 200")
                    results.setdefault((target["label"], side["label"]), []).append(outcome)
    return _table(sides[0]["targets"], results)


def _median(outcomes, field):
    return statistics.median(o[field] for o in outcomes)


def _table(targets, results) -> str:
    header = ["pagina", "p50 vóór", "p50 na", "p95 vóór", "p95 na", "req/s vóór", "req/s na"]
    lines = []
    for target in targets:
        before, after = results.get((target["label"], "vóór")), results.get((target["label"], "na"))
        if not before or not after:
            continue
        lines.append(
            [
                target["label"],
                f"{_median(before, 'p50_ms'):.1f}",
                f"{_median(after, 'p50_ms'):.1f}",
                f"{_median(before, 'p95_ms'):.1f}",
                f"{_median(after, 'p95_ms'):.1f}",
                f"{_median(before, 'rps'):.0f}",
                f"{_median(after, 'rps'):.0f}",
            ]
        )
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=True)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, ["-" * w for w in widths], *lines]
    )
