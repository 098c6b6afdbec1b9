"""An order in which to import a module's dependencies one at a time, each after everything it
imports at its top level: imported in that order, each step runs one module's body (a few ms)
instead of a whole tree of them at once (the first title page's imports were ~60 ms in one go).

What a module imports is read from its source's syntax tree, not by running it (nor from its
bytecode, whose shape changes from one Python to the next): the `import` statements its
top-level code runs, leaving out those under `if TYPE_CHECKING:` (never run) and those inside
functions (imported later on purpose). Only the modules of the packages named (`within`, the
app's own) are read so: a library is imported whole, in one step, as it would be anyway (reading
a big one costs more than importing it). A module found in a cycle (through a package's
`__init__` too) is not imported apart: the module that imports it brings it in, in the order the
program itself would."""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

IMPORT = "import"  # an item of `import_order`: ("import", name), or ("scanned", name)
SCANNED = "scanned"


def _resolve(name: str, level: int, package: str) -> str | None:
    if not level:
        return name
    try:
        return importlib.util.resolve_name("." * level + name, package)
    except (ImportError, ValueError):
        return None


def _type_checking(test: ast.expr) -> bool:
    """A test that names `TYPE_CHECKING` (`typing.TYPE_CHECKING`, `TYPE_CHECKING and ...`):
    taken as true only for type checkers, so what it guards is never imported ahead."""
    return any(
        (isinstance(node, ast.Name) and node.id == "TYPE_CHECKING")
        or (isinstance(node, ast.Attribute) and node.attr == "TYPE_CHECKING")
        for node in ast.walk(test)
    )


def _run_at_import(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements among `body` and the blocks it runs as it runs (not functions')."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            negated = isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
            typing_only = _type_checking(node.test)
            if not typing_only or negated:
                yield from _run_at_import(node.body)
            if not typing_only or not negated:
                yield from _run_at_import(node.orelse)
        elif isinstance(node, ast.Match):
            for case in node.cases:
                yield from _run_at_import(case.body)
        elif isinstance(node, ast.Try | ast.TryStar):
            for part in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from _run_at_import(part)
        elif isinstance(node, ast.With | ast.ClassDef | ast.For | ast.While):
            yield from _run_at_import(node.body)
            yield from _run_at_import(getattr(node, "orelse", []))


def imports_of(source: str, package: str) -> list[str]:
    """The modules (and candidate submodules: `from x import y` may import x.y) that a module of
    this `source` imports as it runs. `package` resolves relative imports."""
    found: list[str] = []
    for node in _run_at_import(ast.parse(source).body):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
            continue
        module = _resolve(node.module or "", node.level, package)
        if module:
            found.append(module)
            found.extend(f"{module}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _spec(name: str, specs: dict[str, ModuleSpec]) -> ModuleSpec | None:
    """Where `name` would be imported from, without importing anything: importlib's own lookup
    imports a dotted name's package, which may be the very module being read."""
    parent = name.rpartition(".")[0]
    try:
        if not parent or parent in sys.modules:
            return importlib.util.find_spec(name)
        package = specs.get(parent)
        if package is None or package.submodule_search_locations is None:
            return None  # not a package (`from x import y` named a class), or not found
        return PathFinder.find_spec(name, package.submodule_search_locations)
    except (ImportError, ValueError):
        return None


def _imports(spec: ModuleSpec) -> list[str]:
    """What the module imports at its top level ([] without source: an extension)."""
    get_source = getattr(spec.loader, "get_source", None)
    try:
        source = get_source(spec.name) if get_source is not None else None
        return imports_of(source, spec.parent or "") if source else []
    except (ImportError, OSError, SyntaxError, ValueError):
        return []


def _not_a_module(package: ModuleType, name: str) -> bool:
    """The package already has `name` as something else: `from package import name` takes
    that, and importing a module of that name would replace it in the package."""
    value = package.__dict__.get(name)  # not getattr: a lazy __getattr__ would import
    return value is not None and not isinstance(value, ModuleType)


class _Walk:
    def __init__(self, within: tuple[str, ...]) -> None:
        self.within = within
        self.specs: dict[str, ModuleSpec] = {}
        self.seen: set[str] = set()
        self.stack: list[str] = []
        self.apart: set[str] = set()  # found in a cycle, or imported by its own package

    def visit(self, name: str, root: bool = False) -> Iterator[tuple[str, str]]:
        if name in self.stack:  # a cycle: every module in it comes in with the outermost
            self.apart.update(self.stack[self.stack.index(name) + 1 :])
            return
        if name in self.seen or name in sys.modules:
            return
        self.seen.add(name)
        parent, _, leaf = name.rpartition(".")
        if parent and parent in self.stack:  # imported while its package's __init__ runs
            self.apart.update(self.stack[self.stack.index(parent) + 1 :])
            self.apart.add(name)
        elif parent:
            yield from self.visit(parent)
            if parent not in sys.modules or _not_a_module(sys.modules[parent], leaf):
                return  # the package did not import, or `name` is one of its attributes
        spec = _spec(name, self.specs)
        if spec is None:
            return
        self.specs[name] = spec
        if name.partition(".")[0] in self.within:
            children = _imports(spec)
            yield SCANNED, name  # a pause: the caller may let other work run before going on
            self.stack.append(name)
            try:
                for child in children:
                    yield from self.visit(child)
            finally:
                self.stack.pop()
        if root or name not in self.apart:
            yield IMPORT, name


def import_order(
    targets: tuple[str, ...], within: tuple[str, ...] = ("app",)
) -> Iterator[tuple[str, str]]:
    """("import", name) for each module to import, in order, the targets among them; between
    them ("scanned", name) as each module's code has been read. Lazily: what is imported when
    an item comes out decides what follows, so the caller imports each before asking for the
    next. Modules of the top-level packages `within` are read; others are imported whole."""
    walk = _Walk(within)
    for target in targets:
        yield from walk.visit(target, root=True)
