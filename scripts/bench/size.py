"""The size of the project in lines of Python, printed beside the bench table so that
its growth over time is visible next to the timings."""

from pathlib import Path

from bench import config

PRODUCT = ("ebw_portal", "interventions", "evaluations", "checklists")
OTHER = ("tests", "scripts")
LEFT_OUT = {"migrations", ".venv", "__pycache__", "node_modules"}


def _lines(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*.py"):
        if LEFT_OUT.intersection(path.relative_to(folder).parts):
            continue
        total += len(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return total


def python_lines(project: Path = config.PROJECT) -> dict:
    """Lines of Python (every line, blank and comment lines too) without migrations:
    {"product": {package: n, ..., "totaal": n}, "tests": n, "scripts": n}."""
    product = {name: _lines(project / name) for name in PRODUCT}
    product["totaal"] = sum(product.values())
    return {"product": product, **{name: _lines(project / name) for name in OTHER}}


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def describe(lines: dict) -> str:
    product = lines["product"]
    parts = ", ".join(f"{name} {_n(product[name])}" for name in PRODUCT)
    return (
        f"Omvang in regels Python (zonder migraties): product {_n(product['totaal'])} "
        f"({parts}); tests {_n(lines['tests'])}; scripts {_n(lines['scripts'])}."
    )
