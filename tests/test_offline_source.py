"""No code path in the package is written to reach the network.

Two static checks over ``desktop_app/``. They parse the code instead of
grepping text, so comments and docstrings (where a URL documents something)
never trip them, while any URL in a string the program actually uses does:

- no string literal outside a docstring holds a fetchable URL, except XML
  namespace identifiers (SVG, GraphML, GEXF, Office Open XML...), which are names that no
  parser ever fetches;
- no module imports a network client library.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "desktop_app"
URL = re.compile(r"\b(?:https?|ftp|wss?)://[^\s\"'<>)]*", re.I)
# Namespace URIs are identifiers written into exported XML; fetching them is
# never part of reading or writing the format.
NAMESPACE_URIS = re.compile(
    r"^https?://(www\.w3\.org/|graphml\.graphdrawing\.org/|(www\.)?gexf\.net/|schemas\.openxmlformats\.org/|"
    r"purl\.org/dc/|creativecommons\.org/ns|web\.resource\.org/cc/|www\.inkscape\.org/namespaces/|"
    r"inkscape\.sourceforge\.net/DTD/|sodipodi\.sourceforge\.net/DTD/|xml\.org/sax/)",
    re.I)
NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "websocket", "websockets",
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
}


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def used_urls(source: str) -> list[tuple[int, str]]:
    """(line, URL) for each URL in a string literal that is not a docstring."""
    tree = ast.parse(source)
    skip = docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found += [(node.lineno, u) for u in URL.findall(node.value) if not NAMESPACE_URIS.match(u)]
    return found


def network_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                found.append(f"{path.name}:{node.lineno}: import {name}")
    return found


def test_the_scan_sees_the_package():
    assert len(sources()) >= 10


def test_the_url_check_tells_docstrings_from_used_strings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""See https://example.org/docs for the format."""\n'
        '# https://example.org/comment\n'
        'NS = "http://www.w3.org/2000/svg"\n'
        'def f():\n'
        '    """Docs at https://example.org/f."""\n'
        '    return fetch("https://example.org/data.json")\n', encoding="utf-8")
    assert [u for _, u in used_urls(sample.read_text(encoding="utf-8"))] == ["https://example.org/data.json"]


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_url_is_used_at_run_time(path):
    assert used_urls(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_network_client_is_imported(path):
    assert network_imports(path) == []


def test_the_import_check_catches_aliased_and_from_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import json\nfrom urllib import request\nfrom PySide6 import QtNetwork\n"
                      "import http.client as hc\nfrom urllib.parse import quote\n", encoding="utf-8")
    hits = network_imports(sample)
    assert [h.rsplit(":", 2)[1] for h in hits] == ["2", "3", "4"]
