"""The shape of the code: no import circles between files, and lms/ holds only configuration at
its root. The dependency direction itself is import-linter's job (pyproject.toml, `make test`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("lms", "credentials", "content")

# What lms/ may hold at its root: the project's configuration and the app's required modules.
LMS_ROOT_MODULES = {
    "__init__.py",
    "apps.py",
    "context_processors.py",
    "middleware.py",
    "models.py",
    "urls.py",
    "wagtail_hooks.py",
    "wsgi.py",
}
LMS_ROOT_PACKAGES = {
    "accounts",
    "common",
    "management",
    "mentorship",
    "migrations",
    "ops",
    "settings",
    "training",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imported_names(path: Path, module: str) -> set[str]:
    """Every module name an import statement in the file names, wherever the statement is
    (inside functions and `if TYPE_CHECKING` blocks too), with relative imports resolved."""
    names: set[str] = set()
    package_parts = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package_parts[: len(package_parts) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """Edges from each of our files to the files of ours it imports."""
    files = _source_files()
    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        targets = set()
        for name in _imported_names(path, module):
            while name and name not in files:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one file (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_sees_a_circle_made_inside_a_function():
    two_files = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert cycles(two_files) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_counts_imports_inside_functions(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from lms.training import grading\n")
    assert "lms.training.grading" in _imported_names(source, "lms.example")


def test_no_two_files_import_each_other_even_from_inside_a_function():
    graph = import_graph()
    assert len(graph) > 100  # the walk found the project, not an empty tree
    assert cycles(graph) == []


def test_lms_root_holds_only_the_project_configuration():
    lms = ROOT / "lms"
    modules = {p.name for p in lms.iterdir() if p.suffix == ".py"}
    packages = {p.name for p in lms.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert modules <= LMS_ROOT_MODULES, modules - LMS_ROOT_MODULES
    assert packages <= LMS_ROOT_PACKAGES, packages - LMS_ROOT_PACKAGES
