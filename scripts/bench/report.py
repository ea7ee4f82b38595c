"""The one table `make bench` prints, with every target marked as met or missed.

The targets apply to the cold columns: the first visit after a change, with every
cache empty. The warm columns (a repeated visit) and the ratio to the floor are shown
for information.
"""

from bench import config, size

CPU_MAX_MS = 15.0
P95_MAX_MS = 100.0
QUERIES_MAX = 12
PDF_MEDIAN_MAX_S = 1.0

CPU_TARGET = "CPU koud <= 15 ms (100x)"
P95_TARGET = "p95 koud < 100 ms"
QUERIES_TARGET = "<= 12 queries koud"
SAME_TARGET = "zelfde queries koud 1x en 100x"
PDF_TARGET = "pdf < 1 s mediaan"
TARGETS = [CPU_TARGET, P95_TARGET, QUERIES_TARGET, SAME_TARGET, PDF_TARGET]

MET, MISSED = "gehaald", "GEMIST"

WARM_COLUMNS = ["p50 ms", "p95 ms", "req/s", "p50/vloer", "queries", "CPU ms"]
COLD_COLUMNS = ["p50 ms", "p95 ms", "req/s", "queries 1x", "queries 100x", "CPU ms"]


def _fmt(value, pattern="{:.1f}"):
    return "-" if value is None else pattern.format(value)


def page_checks(row: dict, floor_p50: float | None) -> dict:
    """{target: True/False/None} for one page; None when it could not be measured.
    Also sets row["ratio"], the warm p50 over the floor's (information only)."""
    load, cold_load = row.get("load"), row.get("cold_load")
    small, scale = row.get("small", {}), row.get("scale", {})
    # The floor measured right after this page if there is one, else the floor row.
    floor_p50 = (load or {}).get("floor_p50_ms") or floor_p50
    row["ratio"] = load["p50_ms"] / floor_p50 if load and floor_p50 else None
    cold_small, cold_scale = small.get("cold_queries"), scale.get("cold_queries")
    cpu = scale.get("cold_cpu_ms")
    return {
        CPU_TARGET: None if cpu is None else cpu <= CPU_MAX_MS,
        P95_TARGET: None if not cold_load else cold_load["p95_ms"] < P95_MAX_MS,
        QUERIES_TARGET: None
        if cold_scale is None
        else max(cold_scale, cold_small or 0) <= QUERIES_MAX,
        SAME_TARGET: None if cold_small is None or cold_scale is None else cold_small == cold_scale,
    }


def _cells(row: dict) -> list[str]:
    load, cold = row.get("load") or {}, row.get("cold_load") or {}
    small, scale = row.get("small", {}), row.get("scale", {})
    return [
        _fmt(load.get("p50_ms")),
        _fmt(load.get("p95_ms")),
        _fmt(load.get("rps"), "{:.0f}"),
        _fmt(row.get("ratio"), "{:.2f}"),
        _fmt(scale.get("queries"), "{}"),
        _fmt(scale.get("cpu_ms")),
        _fmt(cold.get("p50_ms")),
        _fmt(cold.get("p95_ms")),
        _fmt(cold.get("rps"), "{:.0f}"),
        _fmt(small.get("cold_queries"), "{}"),
        _fmt(scale.get("cold_queries"), "{}"),
        _fmt(scale.get("cold_cpu_ms")),
    ]


def _table(lines: list[list[str]]) -> list[str]:
    """Aligned columns under a first header row naming the two groups (warm, cold)."""
    header = ["pagina", *WARM_COLUMNS, *COLD_COLUMNS, "doelen (koud)"]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=True)]
    warm_start = widths[0] + 2
    warm_width = sum(widths[1 : 1 + len(WARM_COLUMNS)]) + 2 * (len(WARM_COLUMNS) - 1)
    groups = (
        " " * warm_start
        + "warm: herhaald bezoek".ljust(warm_width + 2)
        + "KOUD: eerste bezoek, alle caches leeg"
    )
    return [groups.rstrip()] + [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, ["-" * w for w in widths], *lines]
    ]


def render(
    rows: list[dict], pdf: dict, notes: list[str], lines: dict | None = None
) -> tuple[str, dict]:
    """The printed report and {target: [pages that missed it]}."""
    floor = next((r for r in rows if r["key"] == "vloer"), None)
    floor_p50 = floor["load"]["p50_ms"] if floor and floor.get("load") else None
    table, missed = [], {}
    for row in rows:
        checks = page_checks(row, floor_p50)
        if row["key"] == "vloer":
            verdict = "(referentie)"
        elif row.get("problem"):
            verdict = "FOUT: " + row["problem"]
        else:
            failed = [name for name, ok in checks.items() if ok is False]
            for name in failed:
                missed.setdefault(name, []).append(row["label"])
            verdict = "alle doelen gehaald" if not failed else "gemist: " + ", ".join(failed)
        table.append([row["label"], *_cells(row), verdict])
    out = _table(table)
    if lines:
        out.append("")
        out.append(size.describe(lines))
    out.append("")
    out.extend(_pdf_lines(pdf, missed))
    out.append("")
    out.append("Doelen (op de koude kolommen; de pdf apart):")
    for name in TARGETS:
        if name == PDF_TARGET and "problem" in pdf:
            out.append(f"  {name}: n.v.t. ({pdf['problem']})")
        elif missed.get(name):
            out.append(f"  {name}: {MISSED} ({', '.join(missed[name])})")
        else:
            out.append(f"  {name}: {MET}")
    out.append("")
    out.extend(
        [
            "KOUD: elk verzoek begint met alle caches leeg (Django-caches, het onthouden "
            "versienummer van de openbare inhoud, functools-caches van het portaal), zoals "
            "het eerste bezoek na een wijziging. Queries en CPU met de test-client, één "
            "verzoek tegelijk; p50/p95/req/s met wrk, waarbij de server voor elk verzoek "
            "met de header X-Bench-Cold alle caches leegt.",
            "warm: hetzelfde bezoek direct nog eens, met wat het vorige in de caches liet. "
            "p50/vloer (informatie, geen doel): gedeeld door de p50 van een korte "
            "vloermeting direct na de pagina (zelfde machinebelasting, even groot "
            "antwoord, zelfde sessiecookie en aantal verbindingen; voor een opslag "
            "dezelfde POST).",
            "CPU ms: mediane CPU-tijd van de app op 100x (test-client, zonder databasetijd); "
            "veel minder gevoelig voor andere processen dan wandkloktijd.",
            "Opslaan en verder: de POST van het stapformulier plus de GET van de volgende "
            "stap waarnaar hij doorverwijst, samen geteld (queries, CPU) en onder wrk als "
            "paar getimed (p50/p95 van het paar, req/s = paren per seconde).",
            "De opslagen (Opslaan en verder, autosave) lopen onder wrk met 1 verbinding per "
            f"benchplan ({len(config.BENCH_PLAN_TITLES)}), niet met zoveel als de pagina's: "
            "meer verbindingen op hetzelfde plan zouden elkaar als conflict weigeren. Elke "
            "opslag draagt de revisie die het vorige antwoord gaf.",
        ]
    )
    if notes:
        out.append("")
        out.extend(f"Let op: {note}" for note in notes)
    return "\n".join(out), missed


def _pdf_lines(pdf: dict, missed: dict) -> list[str]:
    if "problem" in pdf:
        return [f"PDF compleet plan: n.v.t. ({pdf['problem']})", "PDF groot plan: n.v.t."]
    lines = []
    labels = {
        "complete": "PDF compleet plan",
        "large": (
            f"PDF groot plan ({config.LARGE_PLAN_SUB_GOALS} subdoelen, lange antwoorden van "
            f"{config.LARGE_ANSWER_CHARS} tekens, de grens)"
        ),
    }
    for key, label in labels.items():
        result = pdf.get(key, {})
        if "error" in result:
            lines.append(f"{label}: FOUT {result['error']}")
            continue
        median = result["median"]
        runs, kilobytes = len(result["runs"]), result["bytes"] // 1024
        text = (
            f"{label}: mediaan {median:.2f} s (CPU {result['cpu_median']:.2f} s) "
            f"over {runs} keer, {kilobytes} kB"
        )
        if key == "complete":
            ok = median < PDF_MEDIAN_MAX_S
            if not ok:
                missed.setdefault(PDF_TARGET, []).append(label)
            text += f" -- doel < 1 s: {MET if ok else MISSED}"
        lines.append(text)
    return lines
