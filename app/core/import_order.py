"""An order in which to import a module's dependencies one at a time, each after everything it
imports at its top level: imported in that order, each step runs one module's body (a few ms)
instead of a whole tree of them at once (the first title page's imports were ~60 ms in one go).

What a module imports is read from its compiled code, not by running it: the `import`
statements of its top-level code, leaving out those under `if TYPE_CHECKING:` (never run) and
those inside functions (imported later on purpose). Only the modules of the packages named
(`within`, the app's own) are read so: a library is imported whole, in one step, as it would be
anyway (reading a big one's code cost more than importing it). A module found in a cycle, or a
submodule its package's own `__init__` imports, is not imported apart: the module that imports it
brings it in, in the order the program itself would."""

from __future__ import annotations

import dis
import importlib.util
import sys
from collections.abc import Iterator
from importlib.machinery import ModuleSpec, PathFinder
from types import CodeType

IMPORT = "import"  # an item of `import_order`: ("import", name), or ("scanned", name)
SCANNED = "scanned"


def _resolve(name: str, level: int, package: str) -> str | None:
    if not level:
        return name
    try:
        return importlib.util.resolve_name("." * level + name, package)
    except (ImportError, ValueError):
        return None


def imports_of(code: CodeType, package: str) -> list[str]:
    """The modules (and candidate submodules: `from x import y` may import x.y) that `code`, a
    module's top-level code, imports as it runs. `package` resolves relative imports."""
    found: list[str] = []
    consts: list[object] = [None, None]  # the last two constants loaded: level and from-list
    guarded, skip_to = False, -1
    for instruction in dis.get_instructions(code):
        if instruction.offset < skip_to:
            continue
        name, value = instruction.opname, instruction.argval
        if name in ("LOAD_NAME", "LOAD_GLOBAL", "LOAD_ATTR") and value == "TYPE_CHECKING":
            guarded = True
            continue
        if guarded and "IF_FALSE" in name and isinstance(value, int) and value > instruction.offset:
            skip_to = value  # the `if TYPE_CHECKING:` block, to its end (or its `else:`)
        guarded = False
        if name == "LOAD_CONST":
            consts = [consts[1], value]
        elif name == "IMPORT_NAME":
            level, names = consts
            module = _resolve(str(value), level if isinstance(level, int) else 0, package)
            if module:
                found.append(module)
                if isinstance(names, tuple):
                    found.extend(f"{module}.{each}" for each in names if each != "*")
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


def _code(spec: ModuleSpec) -> CodeType | None:
    """The module's top-level code (None for an extension or a namespace package)."""
    get_code = getattr(spec.loader, "get_code", None)
    try:
        code: CodeType | None = get_code(spec.name) if get_code is not None else None
    except (ImportError, OSError, SyntaxError):
        return None
    return code


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
        parent = name.rpartition(".")[0]
        if parent and parent in self.stack:  # its package's __init__ imports it
            self.apart.add(name)
        elif parent:
            yield from self.visit(parent)
            if parent not in sys.modules:
                return  # the package did not import: nothing under it will
        spec = _spec(name, self.specs)
        if spec is None:
            return
        self.specs[name] = spec
        if name.partition(".")[0] in self.within:
            code = _code(spec)
            yield SCANNED, name  # a pause: the caller may let other work run before going on
            self.stack.append(name)
            try:
                for child in imports_of(code, spec.parent or "") if code is not None else ():
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
