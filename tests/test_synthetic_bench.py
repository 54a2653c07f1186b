"""The scale benchmarks still run end to end at toy sizes (their figures are not asserted: no timing in tests)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script: str, *args: str) -> str:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], capture_output=True, text=True,
                         timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def test_bench_memory_reports_both_forms_and_a_verdict():
    out = _run("bench_memory.py", "--events", "3000", "--actors", "100")
    assert "arrays" in out and "store" in out and "objects-no-spans" in out
    assert "objects / store: held memory x" in out
    assert "use the 'store' form for 3,000 events" in out


def test_bench_ingest_compares_configurations_on_the_same_corpus():
    out = _run("bench_ingest.py", "--docs", "6")
    assert "1 process (baseline)" in out and "processes" in out
    assert "all configurations produced the same corpus" in out
