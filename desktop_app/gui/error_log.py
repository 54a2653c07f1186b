"""A non-modal list of the files that were skipped and why; it never blocks the work that did succeed."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .plain import plain


def is_duplicate(entry: dict) -> bool:
    return entry.get("kind") == "duplicate"


def header_text(unreadable: int, duplicates: int) -> str:
    parts = []
    if unreadable:
        parts.append(f"{unreadable} file{' could' if unreadable == 1 else 's could'} not be read")
    if duplicates:
        parts.append(f"{duplicates} skipped duplicate{'' if duplicates == 1 else 's'} (same text as an open file)")
    return ("; ".join(parts) + ":") if parts else "No files were skipped."


def skipped_message(errors: list[dict]) -> str:
    """The status bar's line for one run's skipped files ('' for none)."""
    dup = sum(1 for e in errors if is_duplicate(e))
    bad = len(errors) - dup
    parts = []
    if dup:
        parts.append(f"skipped {dup} duplicate{'' if dup == 1 else 's'}")
    if bad:
        parts.append(f"{bad} file{'' if bad == 1 else 's'} could not be read")
    return ("Opened; " + ", ".join(parts) + " (View ▸ Skipped files…)") if parts else ""


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
        """Append ``{"path", "message"[, "kind"]}`` entries; show the log (without taking focus) for real errors.

        Skipped duplicates (``kind == "duplicate"``) are listed but do not pop
        the log up: the status bar says they were skipped.
        """
        if not errors:
            return
        self.entries.extend(errors)
        self._refresh()
        if any(not is_duplicate(e) for e in errors):
            self.show()

    def counts(self) -> tuple[int, int]:
        """(unreadable files, skipped duplicates) listed."""
        dup = sum(1 for e in self.entries if is_duplicate(e))
        return len(self.entries) - dup, dup

    def clear(self) -> None:
        self.entries.clear()
        self._refresh()

    def _refresh(self) -> None:
        self.header.setText(header_text(*self.counts()))
        self.text.setPlainText("\n".join(f"{e.get('path', '?')}\n    {e.get('message', '')}" for e in self.entries))
