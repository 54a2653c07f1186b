"""The project wheel installs a working Eventscope, from the wheelhouse alone.

Runs when ``make wheelhouse`` has filled ``wheelhouse/`` (it holds the build
backend too, so the wheel is built here with ``--no-index``: no network). The
wheel is unpacked into a scratch folder and imported from there, so what is
checked is what a user installing it gets, not the source tree.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest_network import offline_command

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / "wheelhouse"

pytestmark = pytest.mark.skipif(not any(WHEELHOUSE.glob("setuptools-*.whl")),
                                reason="no wheelhouse: run `make wheelhouse` first")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(offline_command(pip + ["wheel", "--no-deps", "--no-index", "--find-links", str(WHEELHOUSE),
                                          "--quiet", "--wheel-dir", str(out), str(ROOT)]),
                   check=True, capture_output=True, timeout=600)
    wheel = next(out.glob("eventscope-*.whl"))
    subprocess.run(pip + ["install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=600)
    return target


def run_installed(target: Path, code: str, tmp_path: Path):
    # The unpacked wheel first on the path; the venv only supplies the dependencies.
    env = dict(os.environ, PYTHONPATH=str(target), QT_QPA_PLATFORM="offscreen")
    env.pop("EVENTSCOPE_GAZETTEER", None)
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_installed_package_is_the_wheel(installed, tmp_path):
    proc = run_installed(installed, "import desktop_app; print(desktop_app.__file__)", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(str(installed))


def test_the_wheel_ships_the_fonts_and_gazetteer(installed, tmp_path):
    code = ("import sys\n"
            "from desktop_app.figures.fonts import font_dir, FONT_FILES\n"
            "missing = [f for f in FONT_FILES if not (font_dir() / f).is_file()]\n"
            "try:\n"
            "    from desktop_app.core.actors.gazetteer import gazetteer_dir\n"
            "    if not any(gazetteer_dir().glob('*.txt')): missing.append(str(gazetteer_dir()))\n"
            "except ImportError:\n"
            "    pass\n"
            "sys.exit('missing: ' + ', '.join(missing) if missing else 0)\n")
    proc = run_installed(installed, code, tmp_path)
    assert proc.returncode == 0, proc.stderr
