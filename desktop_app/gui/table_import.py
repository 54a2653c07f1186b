"""Choosing how an event table's columns map to dates, actors and places, before it is read.

Opened when a ``.csv``/``.xlsx`` whose header is not a known layout (such as
ACLED's, which needs no question) is opened or dropped. The dialog starts
from ``guess_mapping``'s proposal, shows the first rows so the analyst can
see what each column holds, and remembers the answer for tables with the
same header (QSettings), so a monthly export is asked about once. Cells are
shown as plain text items: they come from the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QListWidget, QListWidgetItem, QTableWidget, QTableWidgetItem, QVBoxLayout)

from desktop_app.core.documents.event_tables import table_header
from desktop_app.core.documents.table_mapping import TableMap, guess_mapping, header_signature, preset_for
from desktop_app.core.documents.formats import TABLE_SUFFIXES
from desktop_app.core.documents.found import FormatError

from .settings import settings

PREVIEW_ROWS = 8
_NONE = "(none)"
_SINGLE = (("date", "Date"), ("end_date", "End date"), ("place", "Place"), ("label", "Label"),
           ("source", "Source"), ("notes", "Notes"))


def remembered(header: list[str]) -> Optional[TableMap]:
    raw = settings().value(f"tables/{header_signature(header)}")
    if not raw:
        return None
    try:
        m = TableMap.from_json(json.loads(str(raw)))
    except (ValueError, FormatError):
        return None
    return m if all(c in header for c in m.columns()) else None


def remember(header: list[str], mapping: TableMap) -> None:
    s = settings()
    s.setValue(f"tables/{header_signature(header)}", json.dumps(mapping.to_json()))
    s.sync()


class TableImportDialog(QDialog):
    def __init__(self, path: Path, header: list[str], rows: list[list[str]], guess: Optional[TableMap], parent=None):
        super().__init__(parent)
        self.header = header
        self.setWindowTitle(f"Import event table — {path.name}")
        intro = QLabel("Which columns hold the date, the actors and the place of each event? "
                       "Each row becomes one event.")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for key, label in _SINGLE:
            box = QComboBox()
            if key != "date":
                box.addItem(_NONE)
            box.addItems(header)
            chosen = getattr(guess, key, None) if guess else None
            if chosen in header:
                box.setCurrentText(chosen)
            self.combos[key] = box
            form.addRow(label, box)
        self.actors = QListWidget()
        self.actors.setMaximumHeight(120)
        for col in header:
            item = QListWidgetItem(col)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if guess and col in guess.actors else Qt.CheckState.Unchecked)
            self.actors.addItem(item)
        form.addRow("Actors (first: agent, second: target)", self.actors)
        self.preview = QTableWidget(len(rows), len(header))
        self.preview.setHorizontalHeaderLabels(header)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c in range(len(header)):
                self.preview.setItem(r, c, QTableWidgetItem(row[c] if c < len(row) else ""))
        self.preview.resizeColumnsToContents()
        self.remember = QCheckBox("Remember this mapping for tables with these columns")
        self.remember.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(QLabel(f"First {len(rows)} rows:"))
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.remember)
        lay.addWidget(buttons)
        self.resize(760, 620)

    def mapping(self) -> TableMap:
        def value(key):
            t = self.combos[key].currentText()
            return None if t == _NONE else t
        actors = [self.actors.item(i).text() for i in range(self.actors.count())
                  if self.actors.item(i).checkState() == Qt.CheckState.Checked]
        return TableMap(date=value("date"), end_date=value("end_date"), actors=actors, place=value("place"),
                        label=value("label"), source=value("source"), notes=value("notes"))


def ask(parent, path: Path, header: list[str], rows: list[list[str]]) -> Optional[TableMap]:
    """The dialog, modal; the mapping chosen (remembered if asked), or None when cancelled."""
    dlg = TableImportDialog(path, header, rows, guess_mapping(header), parent)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    m = dlg.mapping()
    if dlg.remember.isChecked():
        remember(header, m)
    return m


def resolve_tables(parent, paths: list[str],
                   asker: Callable = ask) -> tuple[list[str], dict[str, TableMap], list[str]]:
    """``(paths to load, mappings by path, skipped tables)``: each table file of an unknown layout is asked about once."""
    keep: list[str] = []
    maps: dict[str, TableMap] = {}
    skipped: list[str] = []
    for p in paths:
        path = Path(p)
        if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
            keep.append(p)
            continue
        try:
            header, rows = table_header(path, PREVIEW_ROWS)
        except FormatError:
            keep.append(p)      # the loader reports what is wrong with it
            continue
        if preset_for(header) is not None:
            keep.append(p)
            continue
        m = remembered(header) or asker(parent, path, header, rows)
        if m is None:
            skipped.append(path.name)
            continue
        maps[p] = m
        keep.append(p)
    return keep, maps, skipped
