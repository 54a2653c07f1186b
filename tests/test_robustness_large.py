"""Very large documents: loading stays bounded in memory, oversized files are refused politely.

A 50 MB news-like text is generated in a temporary folder and loaded in a
child process whose peak memory is read back. Tagging it takes about two
minutes here and extracting it far longer (see scripts/bench_large_input.py),
so those checks run only with ``EVENTSCOPE_TEST_LARGE=1``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from bench_large_input import news_like_text  # noqa: E402

SIZE = 50_000_000
LARGE = os.environ.get("EVENTSCOPE_TEST_LARGE") == "1"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "big.txt"
    path.write_text(news_like_text(SIZE), encoding="utf-8")
    (path.parent / "small.txt").write_text("Talks resumed on 12 March 2007.\n", encoding="utf-8")
    return path


def run_child(code: str, timeout: float):
    # VmHWM is this image's own peak; ru_maxrss would also count the (large)
    # pytest process the child was forked from, because Linux keeps it across exec.
    probe = ("\nimport json, re, resource\n"
             "try:\n"
             "    peak = int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)) / 1024\n"
             "except (OSError, AttributeError):\n"
             "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
             "print(json.dumps({'peak_mb': peak, **RESULT}))\n")
    proc = subprocess.run([sys.executable, "-c", code + probe], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    import json
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_50mb_document_loads_whole_with_bounded_memory(big_file):
    code = (f"from desktop_app.core.documents import load_paths\n"
            f"docs, errors = load_paths([{str(big_file.parent)!r}])\n"
            f"RESULT = {{'ids': sorted(d.id for d in docs), 'chars': max(len(d.text) for d in docs), "
            f"'errors': errors}}\n")
    out = run_child(code, timeout=600)
    assert out["ids"] == ["big", "small"] and out["errors"] == []
    assert out["chars"] == big_file.stat().st_size          # ASCII: one character per byte, nothing lost
    # Bytes, text and hash of a 50 MB file: a few times its size, not a blow-up.
    assert out["peak_mb"] < 8 * SIZE / 1e6, out["peak_mb"]


def test_oversized_file_is_refused_with_the_limit(tmp_path):
    from desktop_app.core.documents import MAX_BYTES, load_paths
    huge = tmp_path / "dump.txt"
    with open(huge, "wb") as f:          # sparse: no disk is spent
        f.truncate(MAX_BYTES + 1)
    (tmp_path / "small.txt").write_text("Talks resumed on 12 March 2007.\n", encoding="utf-8")
    docs, errors = load_paths([tmp_path])
    assert [d.id for d in docs] == ["small"]
    assert len(errors) == 1 and "dump.txt" in errors[0]["message"] and "split" in errors[0]["message"]


@pytest.mark.skipif(not LARGE, reason="set EVENTSCOPE_TEST_LARGE=1: tagging 50 MB takes minutes")
def test_50mb_document_tags_within_the_run(big_file):
    code = (f"from pathlib import Path\n"
            f"from desktop_app.core.documents import load_file\n"
            f"from desktop_app.core.timex import tag\n"
            f"d = load_file(Path({str(big_file)!r}), dct_override='2010-01-01')\n"
            f"RESULT = {{'timexes': len(tag(d.text, d.dct, d.id))}}\n")
    out = run_child(code, timeout=1800)
    assert out["timexes"] > 100_000
    assert out["peak_mb"] < 4000, out["peak_mb"]


@pytest.mark.skipif(not LARGE, reason="set EVENTSCOPE_TEST_LARGE=1: extracting 50 MB takes far longer than the suite")
@pytest.mark.xfail(strict=True, raises=(subprocess.TimeoutExpired, AssertionError), reason=(
    "events/build.py build_events(): every sentence scans every mention and every timex of the document "
    "(list comprehensions at lines 61 and 63; line 63 took 8.7 of 25 s in a 1 MB profile), "
    "O(sentences x (mentions + timexes)): 1 MB extracts in 11 s, 2 MB in 35 s, 50 MB would take hours. "
    "Both lists are sorted by start: bisect them per sentence"))
def test_50mb_document_extracts_within_the_run(big_file):
    code = (f"from pathlib import Path\n"
            f"from desktop_app.core.documents import load_file\n"
            f"from desktop_app.core.pipeline import extract_corpus\n"
            f"d = load_file(Path({str(big_file)!r}), dct_override='2010-01-01')\n"
            f"c = extract_corpus([d])\n"
            f"RESULT = {{'timexes': len(c.timexes), 'events': len(c.events)}}\n")
    out = run_child(code, timeout=1800)
    assert out["timexes"] > 100_000 and out["events"] > 10_000
    assert out["peak_mb"] < 8000, out["peak_mb"]
