"""Property tests over what users and files throw at Eventscope (issue 16, failure 7).

Each property is aimed at a class of input that broke before, with enough examples to find it
(each was checked to fail on the code before its fix):

* text: news sentences with leading adverbials, ending anywhere ("... Yesterday," lost a whole
  document's events to an IndexError the old extractor property never reached);
* creation times: any date-like string is either refused with DctError or extracts cleanly
  (``--dct 9999`` was accepted and then every document failed "not a date");
* file names: any bytes and any length the file system takes load, store and reopen (246+ bytes
  broke the sidecar name, a non-UTF-8 name broke the string columns);
* JSON imports: any value put anywhere in a valid file is refused with InterchangeError or gives a
  workspace that saves and reopens (5,000-digit numbers, 9999-12-31, ``\\ud800``, NaN, duplicate ids);
* workspace edits: any names (control characters included) survive save, reopen and every export.
"""
from __future__ import annotations

import copy
import errno
import json
import os
from pathlib import Path

import defusedxml.ElementTree as DET
import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from desktop_app.core.documents import DctError, load_paths, parse_dct, read_sidecar, write_sidecar
from desktop_app.core.interchange import (
    InterchangeError, export, import_workspace_json, workspace_to_json,
)
from desktop_app.core.model import Document
from desktop_app.core.pipeline import extract_corpus
from desktop_app.core.workspace import Workspace, WorkspaceError, edits
from desktop_app.core.workspace.store import WorkspaceData, read_workspace
from test_properties_extract import check_corpus
from workspace_corpus import by_name, sample_corpus

FEW = settings(max_examples=60, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# -- text -------------------------------------------------------------------------------------

LEADS = ["Yesterday", "Today", "On Monday", "In 2005", "According to Reuters", "However", "Officially",
         "At least", "Meanwhile", "Last week", "Despite the talks", "On 3 March 2021", "Now", "After that"]
SUBJECTS = ["The police", "John Smith", "the Ministry of Finance", "He", "Reuters", "NATO", "Dr. Núñez"]
VERBS = ["arrested", "met", "said", "visited", "accused", "announced", "was arrested by", "will meet"]
OBJECTS = ["Maria Lopez", "the Taliban", "officials in Moscow", "the Central Bank of Kenya", "him", ""]
WHEN = ["on 2 May 2007", "yesterday", "last month", "in 1998", "", "", "on Tuesday"]
ENDS = [".", "!", "?", ";", ",", "", ":", " —", "\"", "(", "...", "\n\n"]


@st.composite
def sentence(draw) -> str:
    lead = draw(st.sampled_from([""] + LEADS))
    parts = [f"{lead}," if lead else "", draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)),
             draw(st.sampled_from(OBJECTS)), draw(st.sampled_from(WHEN))]
    return " ".join(p for p in parts if p) + draw(st.sampled_from(ENDS))


@st.composite
def fragment(draw) -> str:
    """How a text may stop: mid-clause, after a lead and its comma, inside a quote."""
    return draw(st.sampled_from([f"{lead}," for lead in LEADS] + LEADS + SUBJECTS + ["\"", "(", ",", "", " "]))


news_text = st.tuples(st.lists(sentence(), max_size=4), fragment()).map(lambda p: " ".join(p[0] + [p[1]]))


@FEW
@given(text=news_text, dct=st.sampled_from([None, "2007", "2007-11", "2007-11-09"]))
@example(text="The police arrested John Smith on 2 May 2007. Yesterday,", dct="2007-05-10")
def test_news_text_ending_anywhere_extracts_without_an_error(text, dct):
    precision = None if dct is None else {4: "year", 7: "month", 10: "day"}[len(dct)]
    docs = [Document("d", "d.txt", text, dct=dct, dct_precision=precision)]
    check_corpus(extract_corpus(docs), docs)         # includes: no document failed


# -- creation times ------------------------------------------------------------------------

date_like = st.one_of(
    st.integers(-5, 10050).map(str),
    st.tuples(st.integers(0, 10001), st.integers(0, 13)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.tuples(st.integers(0, 10001), st.integers(0, 13), st.integers(0, 32)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
    st.sampled_from(["9999", "9999-12", "9999-12-31", "9998-12-31", "0001-01-01", "0000", "9999-12-31T23:59"]),
    st.text(max_size=20),
)


@FEW
@given(value=date_like)
@example(value="9999")
def test_any_creation_time_is_refused_in_one_line_or_extracts_cleanly(value):
    try:
        dct, precision = parse_dct(value)
    except DctError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    docs = [Document("d", "d.txt", "On November 2 the police arrested John Smith in Almaty.", dct=dct,
                     dct_precision=precision)]
    corpus = extract_corpus(docs)
    assert corpus.errors == [], (value, corpus.errors)


# -- file names --------------------------------------------------------------------------------

name_bytes = st.binary(min_size=1, max_size=251).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                         and not b.startswith(b"."))


@FEW
@given(stem=name_bytes)
@example(stem=b"r" * 246)
@example(stem=b"caf\xe9")
def test_any_file_name_loads_stores_and_reopens(tmp_path_factory, stem):
    folder = tmp_path_factory.mktemp("names")
    raw = os.path.join(os.fsencode(folder), stem + b".txt")
    try:
        with open(raw, "wb") as fh:
            fh.write(b"On 2 May 2007 the police arrested John Smith in Almaty.")
    except OSError as exc:                       # a name this file system refuses is not ours to load
        assume(exc.errno not in (errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL))
        raise
    path = os.fsdecode(raw)
    write_sidecar(Path(path), {"dct": "2007-05"})
    assert read_sidecar(Path(path)) == {"dct": "2007-05"}
    docs, errors = load_paths([folder])
    assert errors == [] and len(docs) == 1 and docs[0].dct == "2007-05"
    doc = docs[0]
    doc.id.encode("utf-8")
    doc.path.encode("utf-8")
    ws = Workspace(data_dir=folder / "rec")
    ws.add_documents(docs)
    ws.reextract(extract_corpus)
    assert ws.corpus.errors == []
    ws.save(folder / "w.esw")
    again = read_workspace(folder / "w.esw")
    assert [d.id for d in again.corpus.documents] == [doc.id]
    ws.close()


# -- JSON imports ----------------------------------------------------------------------------

HOSTILE_VALUES = st.one_of(
    st.integers(), st.integers(min_value=10**18, max_value=10**30), st.just("__5000_DIGITS__"),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.text(max_size=8), st.sampled_from(["9999-12-31", "9999-12-01", "0001-01-01", "", "\ud800", "a\x00b"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    yield path


def _base_payload() -> dict:
    c = sample_corpus()
    return json.loads(json.dumps(workspace_to_json(c, c, [edits.rename_actor(by_name(c, "Mara Velk"), "MV")])))


BASE = _base_payload()
PATHS = [p for p in _leaves(BASE) if p and p[0] in ("extraction", "edits", "documents")]


def _dump(payload) -> str:
    # Lone surrogates go out as \ud800 escapes (ensure_ascii), NaN as JSON's common extension, and the
    # placeholder as a bare 5,000-digit number (Python itself cannot write one: 4,300 digits at most).
    return json.dumps(payload, ensure_ascii=True).replace('"__5000_DIGITS__"', "9" * 5000)


def _put(payload, path, value) -> None:
    """Set ``path`` to ``value``; a path an earlier change replaced an ancestor of is no longer there."""
    target = payload
    for key in path[:-1]:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(target, dict) or (isinstance(target, list) and isinstance(path[-1], int) and path[-1] < len(target)):
        target[path[-1]] = value


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), HOSTILE_VALUES), min_size=1, max_size=3),
       duplicate=st.sampled_from([None, "actors", "documents", "events"]))
def test_any_value_anywhere_in_an_import_is_refused_in_one_line_or_saves_and_reopens(tmp_path_factory, changes,
                                                                                     duplicate):
    payload = copy.deepcopy(BASE)
    for path, value in changes:
        _put(payload, path, value)
    extraction = payload.get("extraction")
    items = extraction.get(duplicate) if duplicate and isinstance(extraction, dict) else None
    if isinstance(items, list) and len(items) >= 2 and all(isinstance(i, dict) for i in items[:2]):
        items[1]["id"] = items[0].get("id")
    folder = tmp_path_factory.mktemp("json")
    src = folder / "w.json"
    src.write_text(_dump(payload), encoding="utf-8")
    try:
        data = import_workspace_json(src)
    except InterchangeError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    ws = Workspace(data, data_dir=folder / "rec")
    ws.corpus                                     # the edits replay
    try:
        ws.save(folder / "w.esw")
    except WorkspaceError as exc:                 # refused, but never as if something had been saved
        assert "intact" not in str(exc) and "\n" not in str(exc)
        return
    again = Workspace.open(folder / "w.esw", data_dir=folder / "rec")
    assert len(again.corpus.events) == len(ws.corpus.events)
    again.close()
    ws.close()


@pytest.mark.parametrize("digits", [4301, 5000])
def test_the_json_property_reaches_numbers_past_pythons_int_limit(tmp_path, digits):
    # The strategy holds a 5,000-digit number; Python refuses to parse more than 4,300 digits.
    src = tmp_path / "w.json"
    src.write_text(json.dumps(BASE).replace('"weight": 2.0', '"weight": ' + "7" * digits, 1), encoding="utf-8")
    with pytest.raises(InterchangeError, match=f"{digits} digits"):
        import_workspace_json(src)


# -- workspace edits --------------------------------------------------------------------------

any_name = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(str.strip)


@st.composite
def edit_log(draw):
    c = sample_corpus()
    log = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["rename", "alias", "note", "merge"]))
        actor = draw(st.sampled_from(c.actors))
        if kind == "rename":
            log.append(edits.rename_actor(actor, draw(any_name)))
        elif kind == "alias":
            log.append(edits.add_alias(actor, draw(any_name)))
        elif kind == "note":
            log.append(edits.note(c, actor, draw(any_name)))
        else:
            other = draw(st.sampled_from([a for a in c.actors if a.id != actor.id]))
            log.append(edits.merge_actors(actor, [other]))
    return c, log


@FEW
@given(corpus_log=edit_log())
@example(corpus_log=(sample_corpus(), [edits.rename_actor(sample_corpus().actors[0], "a\x00b\x01c")]))
def test_any_names_survive_save_reopen_and_every_export(tmp_path_factory, corpus_log):
    corpus, log = corpus_log
    folder = tmp_path_factory.mktemp("edits")
    ws = Workspace(WorkspaceData(corpus), data_dir=folder / "rec")
    for e in log:
        ws.push(e)
    ws.save(folder / "w.esw")
    again = Workspace.open(folder / "w.esw", data_dir=folder / "rec")
    assert sorted(a.name for a in again.corpus.actors) == sorted(a.name for a in ws.corpus.actors)
    for kind, name in (("graphml", "n.graphml"), ("gexf", "n.gexf"), ("json", "w.json"), ("events_csv", "e.csv"),
                       ("actors_csv", "a.csv"), ("ties_csv", "t.csv")):
        export(kind, again, folder / name)
    DET.parse(folder / "n.graphml")
    DET.parse(folder / "n.gexf")
    assert nx.read_graphml(folder / "n.graphml").number_of_nodes() == len(again.corpus.actors)
    assert nx.read_gexf(folder / "n.gexf").number_of_nodes() == len(again.corpus.actors)
    back = import_workspace_json(folder / "w.json")
    assert sorted(a.name for a in Workspace(back, data_dir=folder / "rec").corpus.actors) == \
        sorted(a.name for a in again.corpus.actors)
    again.close()
    ws.close()


def test_an_import_with_a_negative_tie_weight_is_refused_in_one_line_not_saved_unopenable(tmp_path):
    # Found by the property above: the import took weight -1, the saved workspace then refused to open.
    payload = copy.deepcopy(BASE)
    payload["extraction"]["ties"][0]["weight"] = -1
    src = tmp_path / "w.json"
    src.write_text(_dump(payload), encoding="utf-8")
    with pytest.raises(InterchangeError, match="weight: must be at least 0") as err:
        import_workspace_json(src)
    assert "\n" not in str(err.value)
