"""Setting or correcting a document's creation time (DCT), with the input checked before it is used."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desktop_app.core.documents import DCT_FORMATS, DctError, parse_dct
from desktop_app.core.model import Corpus
from desktop_app.gui.plain import plain


def check_dct(text: str) -> tuple[Optional[str], str]:
    """(TIMEX3 value, '') for acceptable input, or (None, message naming the accepted forms)."""
    try:
        value, _precision = parse_dct(text)
    except DctError as exc:
        message = str(exc)
        if "e.g." not in message:
            message += f". Accepted: {DCT_FORMATS}"
        return None, message
    except ValueError as exc:     # e.g. 2007-02-30
        return None, f"{exc}. Accepted: {DCT_FORMATS}"
    return value, ""


class DctDialog(QDialog):
    """Pick a document and type its creation time; OK stays disabled until the text parses."""

    def __init__(self, corpus: Corpus, current_doc: Optional[str] = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Document creation time")
        self.corpus = corpus
        self.documents = QComboBox()
        for d in corpus.documents:
            self.documents.addItem(d.title or d.id, d.id)
        if current_doc is not None:
            i = self.documents.findData(current_doc)
            if i >= 0:
                self.documents.setCurrentIndex(i)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("2007-11-09, 2007-11 or 2007")
        self.message = plain(QLabel())     # repeats what was typed
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Document", self.documents)
        form.addRow("Created", self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Dates written without a year (“November 2”) and relative dates (“last week”) "
                                "are read against this time."))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.documents.currentIndexChanged.connect(self._load_current)
        self.edit.textChanged.connect(self._validate)
        self._load_current()

    def doc_id(self) -> Optional[str]:
        return self.documents.currentData()

    def value(self) -> Optional[str]:
        return check_dct(self.edit.text())[0]

    def _load_current(self) -> None:
        doc = next((d for d in self.corpus.documents if d.id == self.doc_id()), None)
        self.edit.setText(doc.dct or "" if doc is not None else "")
        self._validate()

    def _validate(self) -> None:
        text = self.edit.text().strip()
        value, message = check_dct(text) if text else (None, f"Type the creation time: {DCT_FORMATS}")
        ok = value is not None and self.doc_id() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.message.setText(f"Reads as {value}" if ok else message)
        self.message.setStyleSheet("" if ok else "color: #D55E00;")
