"""`make bench`: the portal at 100x real scale, measured against the framework's floor.

Builds (or reuses) two databases on the project's cluster, counts each page's queries
and CPU time at 1x and 100x, cold (every cache empty) and warm, times the plan PDF,
starts the portal under gunicorn with DEBUG off, loads every page with wrk over
127.0.0.1, warm and cold, and prints one table with the size of the code beside it.
Exits non-zero on errors (a page missing or not answering as it should, a crash);
missed targets are reported in the table, not turned into a failing exit code.
See docs/bench.md.
"""

import argparse
import datetime
import json
import os
import secrets
import signal
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import config, databases, load, report, server, size  # noqa: E402
from bench.config import FLOOR  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="bouw beide databases opnieuw")
    parser.add_argument(
        "--duration",
        type=int,
        default=load.DURATION_SECONDS,
        help="seconden per pagina, warm en koud elk",
    )
    parser.add_argument("--connections", type=int, default=load.CONNECTIONS)
    parser.add_argument("--only", nargs="*", help="alleen deze pagina's (sleutels), plus de vloer")
    parser.add_argument(
        "--profile",
        metavar="PAGINA",
        help="profileer een koud bezoek op 100x (queries, pyinstrument)",
    )
    parser.add_argument(
        "--compare", metavar="CHECKOUT", help="vergelijk met een andere checkout (vóór/na)"
    )
    parser.add_argument("--compare-db", default="ebw_bench_after", help="bench-database daarvan")
    parser.add_argument("--rounds", type=int, default=3, help="rondes per pagina bij --compare")
    return parser.parse_args()


def base_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    local = config.PROJECT / ".local" / "database_url"
    if not local.exists():
        raise SystemExit(
            "DATABASE_URL ontbreekt en er draait geen lokaal cluster (scripts/pg.sh start)."
        )
    return local.read_text().strip()


def django_json(env: dict, *args: str):
    return json.loads(databases.run_django(env, "-m", "bench.django_side", *args, capture=True))


def plan_revisions(url: str, plans: list[dict]) -> list[int]:
    query = "SELECT revision FROM checklists_planofapproach WHERE id = %s"
    return [databases.scalar(url, query, [plan["id"]]) for plan in plans]


def save_once(browser, scale_url, target):
    """One save as the page sends it (the form, the CSRF header, for the autosave the
    htmx header); for "Opslaan en verder" also the GET of the step it redirects to.
    Returns (status, body) of the last answer."""
    plan = target["plans"][0]
    form = [
        *urllib.parse.parse_qsl(plan["rest"], keep_blank_values=True),
        (target["field"], "Een opslag voor de maat van het antwoord."),
        ("revision", str(plan_revisions(scale_url, [plan])[0])),
    ]
    headers = {"X-CSRFToken": browser.cookie("csrftoken") or ""}
    if target["kind"] == "autosave":
        return browser.request(plan["path"], form, {**headers, "HX-Request": "true"})
    status, answer_headers, body = browser.exchange(plan["path"], form, headers)
    location = answer_headers.get("Location", "")
    if status != 302 or not location:
        return status, body
    return browser.request(urllib.parse.urlsplit(location).path)


def _floor_path(target, floor, page_bytes) -> str:
    """The floor for a page: a static answer as large as the page. "Opslaan en verder"
    gets a floor that redirects to a floor page as large as the next step."""
    if target["kind"] == "save_next":
        return f"{floor}?bytes=0&volgende={page_bytes}"
    return f"{floor}?bytes={page_bytes}"


def _wrk(base_url, user, scale_url, target, path, duration, connections, cold=False, floor=None):
    """One wrk run of a target; `floor`: the same requests to that floor path instead."""
    if target["kind"] == "page":
        cookie = user.cookie_header() if target["login"] else None
        return load.load_page(base_url, floor or path, cookie, duration, connections, cold)
    plans = target["plans"]
    revisions = [0] * len(plans) if floor else plan_revisions(scale_url, plans)
    return load.load_writes(
        base_url,
        target["kind"],
        plans,
        target["field"],
        revisions,
        user.cookie_header(),
        user.cookie("csrftoken") or "",
        duration,
        cold=cold,
        floor=floor,
    )


def _problem(outcome: dict) -> str | None:
    if not (outcome["non_200"] or outcome["socket_errors"]):
        return None
    return (
        f"{outcome['non_200']} onverwachte antwoorden "
        f"(laatste {outcome['last_non_200']}), {outcome['socket_errors']} socketfouten"
    )


def _saves_note(target, outcome, saved) -> str:
    plans = len(target["plans"])
    if target["kind"] == "autosave":
        done = f"autosave: {outcome['ok']} antwoorden 200 geteld"
    else:
        done = f"Opslaan en verder: {outcome.get('pairs', 0)} paren (POST + GET) voltooid"
    return (
        f"{done}, de revisies van de {plans} plannen stegen {saved} keer (warme run; 1 "
        "verbinding per plan; een verschil van een paar komt van verzoeken die nog liepen "
        "toen wrk stopte)"
    )


def load_everything(env, scale_url, measured, args, notes) -> dict:
    """{page key: {"warm": wrk result, "cold": wrk result} or {"problem": ...}} for
    every target, against a fresh gunicorn."""
    results = {}
    with server.running(env) as base_url:
        anonymous, user = load.Browser(base_url), load.Browser(base_url)
        login_problem = load.log_in(
            user, measured["login"], config.BENCH_USERNAME, config.BENCH_PASSWORD
        )
        status, home = anonymous.request(measured["targets"][0]["path"])
        home_bytes = len(home) if status == 200 else 0
        floor = next(t["path"] for t in measured["targets"] if t["key"] == FLOOR)
        for target in measured["targets"]:
            key, path = target["key"], target["path"]
            if args.only and key not in args.only and key != FLOOR:
                continue
            if not path:
                results[key] = {"problem": target["problem"]}
                continue
            if target["login"] and login_problem:
                results[key] = {"problem": f"inloggen via het formulier mislukt: {login_problem}"}
                continue
            browser = user if target["login"] else anonymous
            if key == FLOOR:
                path += f"?bytes={home_bytes}"
            # One visit first: it must answer 200, and its size is the floor's size.
            if target["kind"] == "page":
                status, body = browser.request(path)
            else:
                status, body = save_once(browser, scale_url, target)
            if status != 200:
                results[key] = {"problem": f"antwoordt {status} op {path}"}
                continue
            page_bytes = len(body)
            print(f"  wrk {target['label']} ({args.duration} s warm, dan koud)...", flush=True)

            def run(duration, cold=False, floor_path=None, target=target, path=path):
                return _wrk(
                    base_url,
                    user,
                    scale_url,
                    target,
                    path,
                    duration,
                    args.connections,
                    cold=cold,
                    floor=floor_path,
                )

            writes = target["kind"] != "page"
            before = plan_revisions(scale_url, target["plans"]) if writes else None
            warm = run(args.duration)
            if writes:
                saved = sum(plan_revisions(scale_url, target["plans"])) - sum(before)
                notes.append(_saves_note(target, warm, saved))
            if key != FLOOR:
                # A short floor run right after the page: its ratio compares two figures
                # taken under the same machine load, even when that load changes. The floor
                # answers with as many bytes as the page, and for a logged-in page it gets
                # the same session cookie, so the middleware does the same work for it
                # (loading the session and the user) as for the page, over as many
                # connections as the page had (a save has one per bench plan). A save's
                # floor gets the save's own POST (same headers, form and CSRF token), so
                # it also parses a form and checks the token.
                floor_run = run(
                    max(3, args.duration // 3),
                    floor_path=_floor_path(target, floor, page_bytes),
                )
                warm["floor_p50_ms"] = floor_run["p50_ms"]
            cold = run(args.duration, cold=True)
            warm["load_average"] = os.getloadavg()[0]
            problems = [
                f"{run_name}: {problem}"
                for run_name, problem in (("warm", _problem(warm)), ("koud", _problem(cold)))
                if problem
            ]
            results[key] = {"warm": warm, "cold": cold}
            if problems:
                results[key]["problem"] = "; ".join(problems)
    return results


def main() -> int:
    # SIGTERM (e.g. a CI timeout) unwinds like Ctrl-C, so gunicorn is always stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args()
    if args.compare:
        from bench.compare import compare

        print(f"Vóór ({config.PROJECT}) en na ({args.compare}) om en om:", flush=True)
        table = compare(
            base_database_url(),
            Path(args.compare),
            args.compare_db,
            args.rounds,
            args.duration,
            args.connections,
        )
        print()
        print(table)
        return 0
    secret_key = secrets.token_urlsafe(50)
    base_env = databases.bench_env(base_database_url(), secret_key)
    urls = databases.ensure(base_env, args.rebuild)
    small_env = databases.bench_env(urls["small"], secret_key)
    scale_env = databases.bench_env(urls["scale"], secret_key)

    server.collectstatic(scale_env)
    if args.profile:
        databases.run_django(scale_env, "-m", "bench.django_side", "profile", args.profile)
        return 0
    print("Queries en CPU-tijd per pagina, koud en warm (1x en 100x)...", flush=True)
    small = django_json(small_env, "measure")
    scale = django_json(scale_env, "measure")
    print("Pdf-rendertijden meten...", flush=True)
    pdf = django_json(scale_env, "pdf")

    notes: list[str] = []
    print(
        f"Belasting met wrk ({load.THREADS} threads, {args.connections} verbindingen), "
        "warm en koud:"
    )
    loaded = load_everything(scale_env, urls["scale"], scale, args, notes)

    _note_machine_load(loaded, notes)
    rows = []
    for target in scale["targets"]:
        key = target["key"]
        if args.only and key not in args.only and key != FLOOR:
            continue
        row = {"key": key, "label": target["label"], "path": target["path"]}
        row["kind"] = target["kind"]
        row["small"] = small["queries"].get(key, {})
        row["scale"] = scale["queries"].get(key, {})
        outcome = loaded.get(key, {})
        if "warm" in outcome:
            row["load"], row["cold_load"] = outcome["warm"], outcome["cold"]
        problems = [
            p
            for p in (
                row["small"].get("problem"),
                row["scale"].get("problem"),
                outcome.get("problem"),
            )
            if p
        ]
        if problems:
            row["problem"] = "; ".join(dict.fromkeys(problems))
        rows.append(row)

    lines = size.python_lines()
    text, missed = report.render(rows, pdf, notes, lines)
    print()
    print(text)
    _save(rows, pdf, notes, missed, lines)

    errors = [row for row in rows if row.get("problem")]
    errors += [r for r in pdf.values() if isinstance(r, dict) and "error" in r]
    return 1 if errors else 0


def _note_machine_load(loaded: dict, notes: list[str]) -> None:
    """The bench shares the machine's cores with whatever else runs: say how busy it was."""
    averages = [r["load_average"] for r in loaded.values() if "load_average" in r]
    if not averages:
        return
    cores = os.cpu_count() or 1
    text = (
        f"load average na elke meting {min(averages):.1f} tot {max(averages):.1f} "
        f"op {cores} cores (wrk, gunicorn en PostgreSQL zelf tellen mee)"
    )
    if max(averages) > cores + 1:
        text += "; er draaide meer op de machine: tijden liggen hoger dan op een stille machine"
    notes.append(text)


def _save(rows, pdf, notes, missed, lines) -> None:
    """Keep the raw figures (with each page's SQL) for before/after comparisons."""
    folder = config.PROJECT / ".local" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"resultaat-{stamp}.json"
    path.write_text(
        json.dumps(
            {"rows": rows, "pdf": pdf, "notes": notes, "missed": missed, "python_lines": lines},
            indent=1,
        )
    )
    print(f"\nRuwe cijfers en SQL per pagina: {path.relative_to(config.PROJECT)}")


if __name__ == "__main__":
    sys.exit(main())
