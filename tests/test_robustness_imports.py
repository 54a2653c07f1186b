"""Damaged, hostile or foreign files offered as workspaces or JSON imports.

Each must be refused with the module's own error (a message for the user),
never another exception, and must leave the file on disk untouched. What is
accepted must be a corpus whose every span lies inside its document. Any XML
the package parses must go through defusedxml.
"""
from __future__ import annotations

import ast
import copy
import hashlib
import json
import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.model import Actor, Corpus, Document, Event, EventDate, Interval, Mention, Participant, Timex

from desktop_app.core import interchange, workspace
InterchangeError = interchange.InterchangeError
WorkspaceError = workspace.WorkspaceError
PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"


def small_corpus() -> Corpus:
    from datetime import datetime
    text = "Officials of the finance ministry met on 12 March 2007 in Geneva. Talks resumed."
    doc = Document(id="d1", path="d1.txt", text=text, dct="2007-03-20", dct_precision="day")
    s = text.index("12 March 2007")
    iv = Interval(datetime(2007, 3, 12), datetime(2007, 3, 13), "day")
    tx = Timex("d1", s, s + 13, "12 March 2007", "DATE", "2007-03-12", iv)
    a = text.index("finance ministry")
    actor = Actor("a1", "Finance Ministry", "organization", ["finance ministry"])
    mention = Mention("d1", a, a + 16, "finance ministry", "a1")
    end = text.index(".") + 1
    event = Event("e1", "d1", 0, end, text[:end], "met", EventDate("2007-03-12", iv, "on", "12 March 2007", s),
                  [Participant("a1", "agent")])
    return Corpus([doc], [tx], [actor], [mention], [event], [])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_spans(corpus: Corpus) -> None:
    texts = {d.id: d.text for d in corpus.documents}
    for kind in (corpus.timexes, corpus.mentions, corpus.events):
        for it in kind:
            assert it.doc in texts and 0 <= it.start <= it.end <= len(texts[it.doc])


# -- workspace files (.esw) -----------------------------------------------------------

def saved_workspace(tmp_path: Path) -> Path:
    path = tmp_path / f"study{workspace.SUFFIX}"
    workspace.write_workspace(path, workspace.WorkspaceData(small_corpus()))
    return path


def test_a_saved_workspace_reads_back(tmp_path):
    data = workspace.read_workspace(saved_workspace(tmp_path))
    assert [d.id for d in data.corpus.documents] == ["d1"]


@pytest.mark.parametrize("make", [
    lambda good: b"",
    lambda good: b"\x00" * 4096,
    lambda good: bytes(range(256)) * 64,
    lambda good: b'{"format": "eventscope-workspace"}',
    lambda good: good[:100],
    lambda good: good[: len(good) // 2],
    lambda good: good[:4096] + b"\xde\xad\xbe\xef" * 1024 + good[8192:],
    lambda good: good[:16] + b"\xff" * 84 + good[100:],
], ids=["empty", "zeros", "binary", "json", "header-only", "half", "corrupted-pages", "bad-header"])
def test_damaged_workspace_is_refused_and_left_alone(tmp_path, make):
    good = saved_workspace(tmp_path).read_bytes()
    bad = tmp_path / f"bad{workspace.SUFFIX}"
    bad.write_bytes(make(good))
    before = digest(bad)
    try:
        data = workspace.read_workspace(bad)
    except WorkspaceError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        check_spans(data.corpus)   # SQLite may recover a page-level hit: then it must still be sound
    assert digest(bad) == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / f"other{workspace.SUFFIX}"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError):
        workspace.read_workspace(path)


def test_workspace_with_tampered_rows_is_refused_or_sound(tmp_path):
    path = saved_workspace(tmp_path)
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        for col in cols:
            try:
                con.execute(f"UPDATE {table} SET {col} = ?", ("\x00not-what-you-expect" * 3,))
            except sqlite3.DatabaseError:
                pass
    con.commit()
    con.close()
    try:
        data = workspace.read_workspace(path)
    except WorkspaceError:
        return
    check_spans(data.corpus)


# -- JSON imports ---------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    b"", b"{", b"nul", b"\xff\xfe{}", b"[" * 100_000 + b"]" * 100_000, b'{"a": ' * 50_000 + b"1" + b"}" * 50_000,
    b"[]", b"42", b'"a string"', b"{}", b'{"format": "something-else"}',
    b'{"format": "eventscope-workspace", "format_version": 999}',
    b'{"format": "eventscope-workspace", "format_version": "1"}',
    b'{"documents": "not a list"}', b'{"documents": [{"id": 1, "text": null}]}',
    b'{"documents": [{"id": "d", "path": "p", "text": "abc"}], "timexes": [{"doc": "d", "start": 2, "end": 99,'
    b' "text": "c", "type": "DATE", "value": "2007"}]}',
    b'{"documents": [{"id": "d", "path": "p", "text": "abc"}], "timexes": [{"doc": "d", "start": NaN, "end": Infinity,'
    b' "text": "c", "type": "DATE", "value": "2007"}]}',
    b'{"documents": [{"id": "d", "path": "p", "text": "abc"}], "timexes": [{"doc": "d", "start": 1e400, "end": -1,'
    b' "text": "c", "type": "DATE", "value": "2007"}]}',
    b'{"documents": [{"id": "d", "path": "p", "text": "abc"}], "mentions": [{"doc": "d", "start": 0, "end": 1,'
    b' "text": "a", "actor": "ghost"}]}',
])
def test_malformed_json_import_is_refused_with_its_own_error(tmp_path, raw):
    path = tmp_path / "import.json"
    path.write_bytes(raw)
    before = digest(path)
    try:
        data = interchange.import_workspace_json(path)
    except InterchangeError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        check_spans(data.corpus)
    assert digest(path) == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _mutate(doc, path, value, delete):
    doc = copy.deepcopy(doc)
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    elif delete and isinstance(parent, list):
        parent.pop(path[-1])
    else:
        parent[path[-1]] = value
    return doc


BASE = interchange.corpus_to_json(small_corpus())
BASE_PATHS = list(_paths(BASE))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(BASE_PATHS) - 1), value=JSON_VALUES, delete=st.booleans())
def test_any_single_corruption_of_a_corpus_is_refused_or_sound(which, value, delete):
    data = _mutate(BASE, BASE_PATHS[which], value, delete)
    try:
        corpus = interchange.corpus_from_json(data, "fuzz")
    except InterchangeError:
        return
    check_spans(corpus)
    for t in corpus.timexes:
        if t.interval is not None:
            assert t.interval.start <= t.interval.end
    for item in corpus.timexes + corpus.mentions + corpus.events:
        assert isinstance(item.start, int) and isinstance(item.end, int)


def test_round_trip_survives_json_text(tmp_path):
    payload = interchange.corpus_to_json(small_corpus())
    again = interchange.corpus_from_json(json.loads(json.dumps(payload)), "round trip")
    assert again.to_json() == small_corpus().to_json()


# -- XML --------------------------------------------------------------------------------

XML_PARSERS = {"xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml"}
XML_READERS = {"parse", "fromstring", "iterparse", "XML", "XMLParser", "parseString", "XMLPullParser",
               "read_graphml", "read_gexf", "parse_graphml", "read_graphml_lxml"}


def xml_parsing_without_defusedxml(source: str) -> list[str]:
    """Calls that parse XML in a module that never imports defusedxml."""
    tree = ast.parse(source)
    imported, uses_defused = set(), False
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for n in names:
            uses_defused |= n.split(".")[0] == "defusedxml"
            if any(n == p or n.startswith(p + ".") for p in XML_PARSERS):
                imported.add(n)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            graph_reader = name.startswith(("read_graphml", "read_gexf", "parse_graphml"))
            if (graph_reader or (imported and name in XML_READERS)) and not uses_defused:
                hits.append(f"line {node.lineno}: {name}()")
    return hits


def test_the_xml_check_flags_stdlib_parsing_and_accepts_defusedxml():
    assert xml_parsing_without_defusedxml("import xml.etree.ElementTree as ET\nET.parse('a.xml')\n")
    assert xml_parsing_without_defusedxml("import networkx as nx\nnx.read_graphml('a.graphml')\n")
    assert not xml_parsing_without_defusedxml("import defusedxml.ElementTree as ET\nET.parse('a.xml')\n")
    assert not xml_parsing_without_defusedxml("import xml.etree.ElementTree as ET\nET.ElementTree(x).write(f)\n")


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_xml_is_only_parsed_through_defusedxml(path):
    assert xml_parsing_without_defusedxml(path.read_text(encoding="utf-8")) == []


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10))
                  + ']><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
                  '<node id="&lol9;"/></graph></graphml>')
EXTERNAL_ENTITY = ('<?xml version="1.0"?><!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                   '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">'
                   '<node id="&xxe;"/></graph></graphml>')


def _xml_importers():
    return [getattr(interchange, n) for n in ("import_graphml", "import_gexf", "read_graphml", "read_gexf")
            if callable(getattr(interchange, n, None))]


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_imports_refuse_entity_attacks(tmp_path, payload):
    # It used to be skipped whenever no XML importer existed, i.e. always.  Now it always checks the
    # parser the package must use for outside XML (test_xml_is_only_parsed_through_defusedxml), and
    # any GraphML/GEXF importer the day one is added.
    import defusedxml
    import defusedxml.ElementTree as DET
    path = tmp_path / "evil.graphml"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(defusedxml.DefusedXmlException):
        DET.parse(path)
    for importer in _xml_importers():
        with pytest.raises(InterchangeError):
            importer(path)
