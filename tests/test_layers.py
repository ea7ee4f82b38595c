"""The apps are layers (docs/architecture in the README): a module imports only from its
own layer or below, and no two modules import each other, directly or in a ring."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("ebw_portal", "interventions", "evaluations", "checklists")

# Bottom up; a module's layer is the longest prefix of its name listed here.
LAYERS = {
    "ebw_portal.common": 0,
    "ebw_portal.accounts": 0,
    "interventions": 1,
    "evaluations": 2,
    "checklists": 3,
    "ebw_portal": 4,
}


def layer_of(module: str) -> int:
    prefix = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[prefix]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(path: Path, modules: dict) -> set[str]:
    """The project modules this file imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` names a module; otherwise the package itself.
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(path, modules) - {name} for name, path in sorted(modules.items())}


def test_no_module_imports_from_a_layer_above_it():
    upward = [
        f"{module} imports {imported}"
        for module, imported_modules in import_graph().items()
        for imported in imported_modules
        if layer_of(imported) > layer_of(module)
    ]
    assert upward == []


def test_no_module_level_import_cycles():
    """Only module-level imports count here: an import inside a function runs later."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        top_level = ast.Module(
            body=[
                node
                for node in ast.parse(path.read_text()).body
                if isinstance(node, ast.Import | ast.ImportFrom)
            ],
            type_ignores=[],
        )
        graph[name] = set()
        for node in top_level.body:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif node.module and node.level == 0:
                names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
            else:
                continue
            for imported in names:
                while imported and imported not in modules:
                    imported = imported.rpartition(".")[0]
                # A package imports its own submodules when it re-exports them.
                if imported and imported != name and not imported.startswith(name + "."):
                    graph[name].add(imported)

    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for following in sorted(graph[node]):
            if state.get(following) == "open":
                cycles.append(trail[trail.index(following) :] + [following])
            elif following not in state:
                visit(following, [*trail, following])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []
