"""A non-modal list of the files that were skipped and why; it never blocks the work that did succeed."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .plain import plain


class ErrorLog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Skipped files")
        self.setModal(False)
        self.entries: list[dict] = []
        self.header = plain(QLabel())
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        clear = buttons.addButton("Clear", QDialogButtonBox.ButtonRole.ResetRole)
        clear.clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 300)
        self._refresh()

    def add(self, errors: list[dict]) -> None:
        """Append ``{"path", "message"}`` entries and show the log without taking focus from the work."""
        if not errors:
            return
        self.entries.extend(errors)
        self._refresh()
        self.show()

    def clear(self) -> None:
        self.entries.clear()
        self._refresh()

    def _refresh(self) -> None:
        n = len(self.entries)
        if n == 1:
            self.header.setText("1 file could not be read and was skipped:")
        else:
            self.header.setText(f"{n} files could not be read and were skipped:" if n else "No files were skipped.")
        self.text.setPlainText("\n".join(f"{e.get('path', '?')}\n    {e.get('message', '')}" for e in self.entries))
