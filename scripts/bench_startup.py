#!/usr/bin/env python3
"""Start-up time: from process start to a drawn main window, empty and with seeds/ loaded (offscreen).

    python scripts/bench_startup.py [--repeat 3] [PATH ...]

Each measurement is a fresh ``python`` process timed from just before it is
spawned (so interpreter start-up and imports count), median of ``--repeat``
runs. Baselines in the same run: a bare interpreter (``python -c pass``)
and a bare Qt ``QMainWindow`` drawn the same way; ratios are against them.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TIMEOUT = 300

# Child programs print JSON with wall-clock (time.time()) milestones; the parent subtracts its spawn time.
_QT_FIRST_PAINT = r'''
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def __init__(self, window, done):
        super().__init__()
        self.window, self.done, self.at = window, done, None
    def eventFilter(self, obj, event):
        if self.at is None and event.type() == QEvent.Type.Paint and hasattr(obj, "window") \
                and obj.window() is self.window:
            self.at = time.time()
            QTimer.singleShot(0, self.done)
        return False
'''

BARE_QT = _QT_FIRST_PAINT + r'''
from PySide6.QtWidgets import QMainWindow, QLabel
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("baseline")); w.resize(1500, 900)
marks = {}
def done():
    marks["drawn"] = f.at; app.quit()
f = FirstPaint(w, done); app.installEventFilter(f)
w.show(); QTimer.singleShot(TIMEOUT_MS, app.quit); app.exec()
print(json.dumps(marks))
'''

APP = _QT_FIRST_PAINT + r'''
paths = json.loads(sys.argv[1])
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
marks = {"imported": time.time()}
app = make_app([sys.argv[0]])
w = MainWindow(restore=False)
marks["built"] = time.time()

def loaded():
    # Force a full synchronous render of every view with the corpus in it.
    w.grab()
    marks["loaded_drawn"] = time.time()
    marks["events"] = len(w.state.corpus.events)
    app.quit()

def first_drawn():
    marks["drawn"] = f.at
    if not paths:
        app.quit()
    elif not w.open_paths(paths):
        marks["error"] = "open_paths refused"; app.quit()

f = FirstPaint(w, first_drawn); app.installEventFilter(f)
w.ingestor.finished.connect(lambda: QTimer.singleShot(0, loaded))
w.show(); QTimer.singleShot(TIMEOUT_MS, app.quit); app.exec()
print(json.dumps(marks))
'''


# Timed inside the child: interpreter teardown (Qt and pyqtgraph clean-up at exit) is not start-up.
IMPORT_ONLY = ("import json, time; t = time.time(); import desktop_app.gui.main_window; "
               "print(json.dumps({'ready': time.time(), 'import_s': time.time() - t}))")


def _spawn(args: list[str]) -> tuple[float, dict, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.time()
    run = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=TIMEOUT + 30,
                         cwd=ROOT)
    wall = time.time() - t0
    if run.returncode != 0:
        return wall, {}, (run.stderr.strip().splitlines() or [f"exit {run.returncode}"])[-1]
    lines = run.stdout.strip().splitlines()
    marks = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return wall, {k: (v - t0 if isinstance(v, float) and v > 1e9 else v) for k, v in marks.items()}, ""


def _median(runs: list[dict], key: str) -> float | None:
    vals = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return statistics.median(vals) if vals else None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")], help="what to load (default: seeds/)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    sub = lambda src: src.replace("TIMEOUT_MS", str(TIMEOUT * 1000))  # noqa: E731
    results: dict[str, list[dict]] = {}
    plan = [
        ("bare python", ["-c", "import json, time; print(json.dumps({'ready': time.time()}))"]),
        ("import gui.main_window", ["-c", IMPORT_ONLY]),
        ("bare Qt window drawn", ["-c", sub(BARE_QT)]),
        ("app window drawn, empty", ["-c", sub(APP), "[]"]),
        ("app with paths loaded", ["-c", sub(APP), json.dumps(args.paths)]),
    ]
    for name, cmd in plan:
        runs = []
        for _ in range(max(1, args.repeat)):
            wall, marks, err = _spawn(cmd)
            if err:
                print(f"{name}: failed: {err}")
                break
            runs.append({"wall": wall, **marks})
        results[name] = runs
    base_py = _median(results["bare python"], "ready")
    base_qt = _median(results["bare Qt window drawn"], "drawn")
    print(f"median of {args.repeat} runs, seconds from spawn (QT_QPA_PLATFORM="
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
    rows = [
        ("bare python ready", base_py, None),
        ("desktop_app.gui.main_window imported", _median(results["import gui.main_window"], "ready"), base_py),
        ("bare Qt QMainWindow first paint", base_qt, base_py),
        ("Eventscope window first paint (empty)", _median(results["app window drawn, empty"], "drawn"), base_qt),
        ("Eventscope window first paint (paths)", _median(results["app with paths loaded"], "drawn"), base_qt),
        ("... paths loaded, extracted and drawn", _median(results["app with paths loaded"], "loaded_drawn"), base_qt),
    ]
    for name, value, base in rows:
        if value is None:
            print(f"{name:<42}{'n/a':>8}")
            continue
        ratio = f"  x{value / base:.1f} vs {'bare python' if base is base_py else 'bare Qt window'}" if base else ""
        print(f"{name:<42}{value:>8.2f}{ratio}")
    loaded = results["app with paths loaded"]
    if loaded and "events" in loaded[-1]:
        print(f"events on screen after loading {', '.join(args.paths)}: {loaded[-1]['events']}")
    imp = _median(results["import gui.main_window"], "import_s")
    if imp is not None:
        print(f"import time of desktop_app.gui.main_window alone: {imp:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
