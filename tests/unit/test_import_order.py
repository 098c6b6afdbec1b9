"""The order in which warming up imports a module's dependencies (app.core.import_order): each
after what it imports, so that each import runs one module's body; imports inside functions and
under `if TYPE_CHECKING:` left alone; cycles and libraries imported whole."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.import_order import IMPORT, import_order, imports_of

TOPS = ("wpkg", "wlib", "wcyc", "wsh", "wpk", "wq", "wtop")


@pytest.fixture
def tree(tmp_path: Path) -> Iterator[Path]:
    """A package `wpkg` and a library `wlib` on the path; forgotten afterwards."""
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m.split(".")[0] in TOPS]:
        del sys.modules[name]
    importlib.invalidate_caches()


def write(root: Path, name: str, source: str) -> None:
    path = root.joinpath(*name.split(".")).with_suffix(".py")  # "wq": wq.py, "wq.x": wq/x.py
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))


def order(targets: tuple[str, ...], within: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """Each module the order names, imported as it comes out, with the modules that import ran."""
    steps = []
    for kind, name in import_order(targets, within):
        if kind == IMPORT:
            before = set(sys.modules)
            importlib.import_module(name)
            steps.append((name, sorted(set(sys.modules) - before)))
    return steps


def test_each_module_comes_after_what_it_imports_and_each_import_runs_one_body(
    tree: Path,
) -> None:
    write(tree, "wpkg.__init__", "")
    write(tree, "wpkg.leaf", "VALUE = 1\n")
    write(tree, "wpkg.middle", "from wpkg.leaf import VALUE\n")
    write(tree, "wpkg.other", "")
    write(tree, "wpkg.lazy", "")
    write(tree, "wpkg.typed", "")
    write(tree, "wpkg.top", """\
        from typing import TYPE_CHECKING
        import wpkg.middle
        from wpkg import other
        from . import leaf
        if TYPE_CHECKING:
            from wpkg import typed
        else:
            import json

        def later():
            import wpkg.lazy
        """)  # fmt: skip
    steps = order(("wpkg.top",), ("wpkg",))
    assert steps == [
        ("wpkg", ["wpkg"]),  # a package before its modules, as Python imports them
        ("wpkg.leaf", ["wpkg.leaf"]),
        ("wpkg.middle", ["wpkg.middle"]),
        ("wpkg.other", ["wpkg.other"]),
        ("wpkg.top", ["wpkg.top"]),
    ]  # json was imported already; `typed` and `lazy` are never run at import
    assert "wpkg.lazy" not in sys.modules and "wpkg.typed" not in sys.modules


def test_a_library_is_imported_whole_and_its_code_is_not_read(tree: Path) -> None:
    write(tree, "wlib.__init__", "from wlib import inner\n")
    write(tree, "wlib.inner", "")
    write(tree, "wpkg.__init__", "")
    write(tree, "wpkg.user", "import wlib\n")
    assert order(("wpkg.user",), ("wpkg",)) == [
        ("wpkg", ["wpkg"]),
        ("wlib", ["wlib", "wlib.inner"]),
        ("wpkg.user", ["wpkg.user"]),
    ]


def test_a_cycle_comes_in_with_its_outermost_module_as_the_program_would_import_it(
    tree: Path,
) -> None:
    write(tree, "wcyc.__init__", "")
    # Imported first, `second` would fail: `first` would then ask it for a name not yet made.
    write(tree, "wcyc.first", "NAME = 1\nfrom wcyc.second import helper\n")
    write(tree, "wcyc.second", "from wcyc.first import NAME\n\ndef helper(): ...\n")
    write(tree, "wcyc.outer", "import wcyc.first\n")
    assert order(("wcyc.outer",), ("wcyc",)) == [
        ("wcyc", ["wcyc"]),
        ("wcyc.first", ["wcyc.first", "wcyc.second"]),
        ("wcyc.outer", ["wcyc.outer"]),
    ]


def test_a_submodule_its_package_imports_comes_in_with_the_package(tree: Path) -> None:
    write(tree, "wpkg.__init__", "")
    write(tree, "wpkg.sub.__init__", "from wpkg.sub import part\n")
    write(tree, "wpkg.sub.part", "import wpkg.leaf\n")
    write(tree, "wpkg.leaf", "")
    write(tree, "wpkg.user", "import wpkg.sub\n")
    assert order(("wpkg.user",), ("wpkg",)) == [
        ("wpkg", ["wpkg"]),
        ("wpkg.leaf", ["wpkg.leaf"]),  # what the submodule needs still comes first
        ("wpkg.sub", ["wpkg.sub", "wpkg.sub.part"]),
        ("wpkg.user", ["wpkg.user"]),
    ]


def test_names_that_are_not_modules_and_missing_modules_are_passed_over(tree: Path) -> None:
    write(tree, "wpkg.__init__", "")
    write(tree, "wpkg.things", "class Thing: ...\n")
    write(tree, "wpkg.user", """\
        from wpkg.things import Thing
        try:
            import wpkg_not_there
        except ImportError:
            pass
        """)  # fmt: skip
    assert [name for name, _ in order(("wpkg.user",), ("wpkg",))] == [
        "wpkg", "wpkg.things", "wpkg.user",
    ]  # fmt: skip


def test_what_a_module_imports_is_read_from_its_code() -> None:
    source = "import a.b\nfrom .c import d, e\nfrom . import f\nfrom .. import g\n"
    assert imports_of(source, "pkg.sub") == [
        "a.b",
        "pkg.sub.c", "pkg.sub.c.d", "pkg.sub.c.e",
        "pkg.sub", "pkg.sub.f",
        "pkg", "pkg.g",
    ]  # fmt: skip


def test_only_what_runs_at_import_is_read() -> None:
    guarded = "\n".join(f"    from typed{n} import a, b, c, d" for n in range(60))  # a big block
    source = (
        textwrap.dedent("""\
        import typing
        if typing.TYPE_CHECKING:
            import typed
        if not TYPE_CHECKING:
            import run_when_not_checking
        else:
            import typed_too
        try:
            import fast
        except ImportError:
            import slow
        with suppress(ImportError):
            import optional
        class Holder:
            import inside_class
        if TYPE_CHECKING and sys.version_info >= (3, 12):
            import typed_three
        match sys.platform:
            case "linux":
                import on_linux

        def later():
            import lazy
        if TYPE_CHECKING:
        """)
        + guarded
        + "\nelse:\n    import run_otherwise\n"
    )
    assert imports_of(source, "") == [
        "typing", "run_when_not_checking", "fast", "slow", "optional", "inside_class",
        "on_linux", "run_otherwise",
    ]  # fmt: skip


def test_a_name_the_package_already_has_is_not_taken_for_a_module(tree: Path) -> None:
    # `from wsh import tool` takes the package's function; a module of that name, never imported
    # by the program, would replace the function in the package if it were imported.
    write(tree, "wsh.__init__", "def tool(): return 'the function'\n")
    write(tree, "wsh.tool", "")
    write(tree, "wsh.user", "from wsh import tool\nNAME = tool()\n")
    assert [name for name, _ in order(("wsh.user",), ("wsh",))] == ["wsh", "wsh.user"]
    assert sys.modules["wsh.user"].NAME == "the function"


def test_a_cycle_through_a_packages_init_comes_in_with_the_package(tree: Path) -> None:
    write(tree, "wpk.__init__", "from wq import helper\n")
    write(tree, "wpk.sub", "")
    write(tree, "wq", "import wpk.sub\n\ndef helper(): ...\n")  # needs `wpk` half made
    write(tree, "wtop", "import wpk\n")
    assert order(("wtop",), ("wpk", "wq", "wtop")) == [
        ("wpk", ["wpk", "wpk.sub", "wq"]),
        ("wtop", ["wtop"]),
    ]
