"""The one table `make bench` prints, with every target marked as met or missed."""

FLOOR_RATIO_MAX = 3.0
P95_MAX_MS = 100.0
QUERIES_MAX = 15
PDF_MEDIAN_MAX_S = 1.0

MET, MISSED = "gehaald", "GEMIST"


def _fmt(value, pattern="{:.1f}"):
    return "-" if value is None else pattern.format(value)


def page_checks(row: dict, floor_p50: float | None) -> dict:
    """{target: True/False/None} for one page; None when it could not be measured."""
    load, small, scale = row.get("load"), row.get("small", {}), row.get("scale", {})
    # The floor measured right after this page if there is one, else the floor row.
    floor_p50 = (load or {}).get("floor_p50_ms") or floor_p50
    ratio = load["p50_ms"] / floor_p50 if load and floor_p50 else None
    row["ratio"] = ratio
    q_small, q_scale = small.get("queries"), scale.get("queries")
    # Both visits count: the first one renders the page, the second may come from a cache.
    first_small, first_scale = small.get("first_queries"), scale.get("first_queries")
    return {
        "p50 binnen 3x vloer": None if ratio is None else ratio <= FLOOR_RATIO_MAX,
        "p95 < 100 ms": None if not load else load["p95_ms"] < P95_MAX_MS,
        "<= 15 queries": None
        if q_scale is None
        else max(q_scale, q_small or 0, first_scale or 0, first_small or 0) <= QUERIES_MAX,
        "zelfde queries 1x en 100x": None
        if q_small is None or q_scale is None
        else (q_small, first_small) == (q_scale, first_scale),
    }


def _queries(result: dict) -> str:
    """'second visit (first visit)', e.g. '1 (6)' for a page served from the shared copy."""
    if result.get("queries") is None:
        return "-"
    first = result.get("first_queries")
    if first is None or first == result["queries"]:
        return str(result["queries"])
    return f"{result['queries']} ({first})"


def render(rows: list[dict], pdf: dict, notes: list[str]) -> tuple[str, dict]:
    """The printed report and {target: [pages that missed it]} (None: not measurable)."""
    floor = next((r for r in rows if r["key"] == "vloer"), None)
    floor_p50 = floor["load"]["p50_ms"] if floor and floor.get("load") else None
    header = [
        "pagina",
        "p50 ms",
        "p95 ms",
        "req/s",
        "queries 1x",
        "queries 100x",
        "p50/vloer",
        "CPU ms",
        "CPU ms 1e",
        "doelen",
    ]
    lines, missed = [], {}
    for row in rows:
        load = row.get("load")
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
        lines.append(
            [
                row["label"],
                _fmt(load and load["p50_ms"]),
                _fmt(load and load["p95_ms"]),
                _fmt(load and load["rps"], "{:.0f}"),
                _queries(row.get("small", {})),
                _queries(row.get("scale", {})),
                _fmt(row.get("ratio"), "{:.2f}"),
                _fmt(row.get("scale", {}).get("cpu_ms")),
                _fmt(row.get("scale", {}).get("first_cpu_ms")),
                verdict,
            ]
        )
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=True)]
    out = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, ["-" * w for w in widths], *lines]
    ]
    out.append("")
    out.extend(_pdf_lines(pdf, missed))
    out.append("")
    out.append("Doelen:")
    targets = [
        "p50 binnen 3x vloer",
        "p95 < 100 ms",
        "<= 15 queries",
        "zelfde queries 1x en 100x",
        "pdf < 1 s mediaan",
    ]
    for name in targets:
        if name == "pdf < 1 s mediaan" and "problem" in pdf:
            out.append(f"  {name}: n.v.t. ({pdf['problem']})")
        elif missed.get(name):
            out.append(f"  {name}: {MISSED} ({', '.join(missed[name])})")
        else:
            out.append(f"  {name}: {MET}")
    out.append("")
    out.append(
        "p50/vloer: gedeeld door de p50 van een korte vloermeting direct na de pagina "
        "(zelfde machinebelasting, even groot antwoord, zelfde sessiecookie en aantal "
        "verbindingen; voor de autosave dezelfde POST met formulier en CSRF-token); de "
        "vloerregel zelf is een volledige, anonieme meting."
    )
    out.append(
        "CPU ms: mediane CPU-tijd van de app voor één verzoek tegelijk op 100x (test-client, "
        "zonder databasetijd); veel minder gevoelig voor andere processen dan wandkloktijd. "
        "'1e': met een lege cache, zoals het eerste bezoek na een wijziging."
    )
    out.append(
        "queries: tweede bezoek (eerste bezoek, met lege cache) als die verschillen; een "
        "openbare pagina komt voor anonieme bezoekers uit de gedeelde kopie, Mijn plannen "
        "en de wizardstap bij een tweede bezoek zonder wijziging uit de eigen kopie van de "
        "gebruiker (ebw_portal/page_cache.py)."
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
        "large": "PDF groot plan (20 subdoelen, antwoorden van 2 000 woorden)",
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
                missed.setdefault("pdf < 1 s mediaan", []).append(label)
            text += f" -- doel < 1 s: {MET if ok else MISSED}"
        lines.append(text)
    return lines
