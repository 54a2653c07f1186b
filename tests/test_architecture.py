"""The core stays free of Qt: checked three independent ways so none can pass by accident."""
import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "desktop_app" / "core"
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "desktop_app.gui", "desktop_app.figures", "desktop_app.cli")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_no_core_module_names_qt_in_an_import():
    offenders = [(p.relative_to(ROOT), n) for p in CORE.rglob("*.py") for n in _imports(p) if _forbidden(n)]
    assert offenders == []


def test_the_ast_check_catches_a_qt_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n")
    assert any(_forbidden(n) for n in _imports(bad))


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n    importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_linter_contracts_hold_layers_and_no_cycles():
    # import-linter is a test dependency (pyproject [test]); run through the interpreter so no PATH lookup
    # can skip it.  The contracts: core never imports Qt; layers cli > gui > figures > core; no import
    # cycle between the modules of any package (core/workspace's replay <-> apply_* was one); the
    # readers, taggers and stores independent of each other.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = "import sys; from importlinter.cli import lint_imports_command; sys.argv = ['lint-imports', '--no-cache']; lint_imports_command()"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "BROKEN" not in out.stdout
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    kinds = {c["type"] for c in config["tool"]["importlinter"]["contracts"]}
    assert {"forbidden", "layers", "acyclic_siblings", "independence"} <= kinds
    assert out.stdout.count("KEPT") == len(config["tool"]["importlinter"]["contracts"])
