"""The workspace's dialogs, and the analyst's corrections as menu actions on the current selection.

The first half holds every question the workspace UI asks (file pickers,
save/discard, recover?, warnings) as small functions, so the controller reads
as plain flow and tests replace a dialog without touching Qt.

Each action reads ``state.selection`` (selected actors, the current event),
asks what it needs through a small dialog, builds a keyed ``Edit`` with the
core builders and hands it to the controller, which pushes it on the
workspace and refreshes the views.  Dialogs are module functions so tests
can replace them; every one returns ``None`` when the analyst cancels.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

from desktop_app.core.model import ACTOR_TYPES, Actor, Event, Tie
from desktop_app.core.workspace import Edit, edits

from .plain import as_rich, plain


# -- file and message dialogs -------------------------------------------------------

def ask_open_path(parent: QWidget, title: str, folder: str, filt: str) -> Optional[str]:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filt)
    return path or None


def ask_save_path(parent: QWidget, title: str, start: str, filt: str) -> Optional[str]:
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filt)
    return path or None


def ask_document_paths(parent: QWidget, folder: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Add documents", folder,
                                            "Documents (*.txt *.md *.html *.htm);;All files (*)")
    return list(paths)


def ask_folder(parent: QWidget, title: str, folder: str) -> Optional[str]:
    return QFileDialog.getExistingDirectory(parent, title, folder) or None


def ask_save_changes(parent: QWidget, name: str) -> str:
    """"save", "discard" or "cancel"."""
    B = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, "Eventscope", as_rich(f"Save the changes to {name}?"),
                                  B.Save | B.Discard | B.Cancel, B.Save)
    return {B.Save: "save", B.Discard: "discard"}.get(answer, "cancel")


def ask_recover(parent: QWidget, name: str) -> bool:
    B = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, "Recover unsaved work?",
        as_rich(f"Eventscope stopped before {name} was saved.\nRecover the changes made since the last save?"),
        B.Yes | B.No, B.Yes)
    return answer == B.Yes


def ask_locked(parent: QWidget, name: str, holder: Optional[str]) -> Optional[str]:
    """Another Eventscope holds the workspace: "read_only", "copy", or None to cancel."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Workspace in use",
                      f"{name} is open in another Eventscope ({holder or 'a process writing its lock now'}).\n\n"
                      "Open it read-only (every view works; save under another name), or open a copy that "
                      "starts untitled.", QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("Open a copy", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read_only" if clicked is read_only else "copy" if clicked is copy else None


def warn(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "Eventscope", as_rich(message))


# -- correction dialogs ------------------------------------------------------------

def input_dialog(parent: QWidget, title: str, label: str) -> QInputDialog:
    """A QInputDialog whose label shows ``label`` as text: the static getText() etc. render an actor
    name or note that looks like HTML as HTML."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    for child in dialog.findChildren(QLabel):
        plain(child)
    return dialog


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> Optional[str]:
    dialog = input_dialog(parent, title, label)
    dialog.setTextValue(text)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue().strip() if ok else ""
    return value or None


def ask_choice(parent: QWidget, title: str, label: str, items: list[str], current: int = 0) -> Optional[str]:
    dialog = input_dialog(parent, title, label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    if 0 <= current < len(items):
        dialog.setTextValue(items[current])
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    return value if ok and value else None


def ask_note(parent: QWidget, title: str, existing: list[str]) -> Optional[str]:
    shown = "".join(f"• {n}\n" for n in existing)
    label = (f"Notes so far:\n{shown}\nNew note:" if existing else "Note:")
    dialog = input_dialog(parent, title, label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue().strip() if ok else ""
    return value or None


def ask_number(parent: QWidget, title: str, label: str, value: float = 1.0) -> Optional[float]:
    dialog = input_dialog(parent, title, label)
    dialog.setInputMode(QInputDialog.InputMode.DoubleInput)
    dialog.setDoubleRange(0.01, 1e6)
    dialog.setDoubleDecimals(2)
    dialog.setDoubleValue(value)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.doubleValue() if ok else None


def ask_date(parent: QWidget, current: str) -> Optional[tuple]:
    """("set", value, interval) or ("clear",), re-asking until the text parses; None on cancel."""
    from desktop_app.core.documents import DCT_FORMATS, DctError, dct_interval, parse_dct
    text = current
    while True:
        value, ok = QInputDialog.getText(
            parent, "Set event date", f"Date ({DCT_FORMATS}); leave empty to mark the event undated:",
            QLineEdit.EchoMode.Normal, text)
        if not ok:
            return None
        value = value.strip()
        if not value:
            return ("clear",)
        try:
            timex, _precision = parse_dct(value)
            return ("set", timex, dct_interval(timex))
        except (DctError, ValueError) as exc:
            QMessageBox.warning(parent, "Set event date", as_rich(f"{exc}"))
            text = value


# -- the actions ----------------------------------------------------------------

class CorrectionActions(QObject):
    """Builds the Edit-menu correction actions; ``push(edit)`` is the controller's."""

    def __init__(self, window: QWidget, state, push: Callable[[Edit], None], notes_of: Callable):
        super().__init__(window)
        self.window, self.state, self.push, self.notes_of = window, state, push, notes_of
        self.actions: dict[str, QAction] = {}
        spec = [
            ("rename_actor", "&Rename Actor…", self.rename_actor, "F2"),
            ("set_actor_type", "Change Actor &Type…", self.set_actor_type, None),
            ("merge_actors", "&Merge Selected Actors", self.merge_actors, "Ctrl+M"),
            ("split_actor", "S&plit Actor…", self.split_actor, None),
            ("add_alias", "Add &Alias…", self.add_alias, None),
            ("remove_alias", "Remove Alia&s…", self.remove_alias, None),
            ("delete_actor", "Delete Actor", self.delete_actor, None),
            ("add_tie", "Add &Tie Between Selected Actors…", self.add_tie, None),
            (None, None, None, None),
            ("add_event", "Add Event from Selected &Text…", self.add_event, None),
            ("set_event_date", "Set Event &Date…", self.set_event_date, None),
            ("delete_event", "Delete &Event", self.delete_event, None),
            (None, None, None, None),
            ("note", "Add &Note…", self.add_note, None),
        ]
        self.order: list[Optional[str]] = []
        for key, text, slot, shortcut in spec:
            self.order.append(key)
            if key is None:
                continue
            act = QAction(text, self)
            act.setObjectName(f"action_{key}")
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.actions[key] = act
        state.selection_changed.connect(lambda _c: self.update_enabled())
        state.corpus_changed.connect(self.update_enabled)
        self.update_enabled()

    # -- what is selected ------------------------------------------------------
    def selected_actors(self) -> list[Actor]:
        chosen = self.state.selection.actors
        return [a for a in self.state.corpus.actors if a.id in chosen]

    def selected_event(self) -> Optional[Event]:
        eid = self.state.selection.event
        return next((e for e in self.state.corpus.events if e.id == eid), None) if eid else None

    def update_enabled(self) -> None:
        n = len(self.selected_actors())
        ev = self.selected_event() is not None
        for key in ("rename_actor", "set_actor_type", "add_alias", "remove_alias", "delete_actor", "split_actor"):
            self.actions[key].setEnabled(n == 1)
        self.actions["merge_actors"].setEnabled(n >= 2)
        self.actions["add_tie"].setEnabled(n == 2)
        self.actions["add_event"].setEnabled(bool(self.state.corpus.documents))
        self.actions["set_event_date"].setEnabled(ev)
        self.actions["delete_event"].setEnabled(ev)
        self.actions["note"].setEnabled(bool(n == 1 or ev or self.state.corpus.documents))

    def _selected_tie(self) -> Optional[Tie]:
        """With exactly two actors selected, the tie between them (ties have no selection of their own)."""
        ids = set(self.state.selection.actors)
        if len(ids) != 2:
            return None
        return next((t for t in self.state.corpus.ties if {t.source, t.target} == ids), None)

    def _one_actor(self) -> Optional[Actor]:
        actors = self.selected_actors()
        return actors[0] if len(actors) == 1 else None

    # -- actor corrections --------------------------------------------------------
    def rename_actor(self) -> None:
        a = self._one_actor()
        name = a and ask_text(self.window, "Rename actor", f"New name for {a.name}:", a.name)
        if name and name != a.name:
            self.push(edits.rename_actor(a, name))

    def set_actor_type(self) -> None:
        a = self._one_actor()
        if a is None:
            return
        t = ask_choice(self.window, "Actor type", f"Type of {a.name}:", list(ACTOR_TYPES),
                       ACTOR_TYPES.index(a.type) if a.type in ACTOR_TYPES else 0)
        if t and t != a.type:
            self.push(edits.set_actor_type(a, t))

    def merge_actors(self) -> None:
        actors = self.selected_actors()
        if len(actors) < 2:
            return
        names = [a.name for a in actors]
        keep = ask_choice(self.window, "Merge actors", "Keep the name:", names)
        if keep:
            into = actors[names.index(keep)]
            self.push(edits.merge_actors(into, [a for a in actors if a is not into]))

    def split_actor(self) -> None:
        a = self._one_actor()
        if a is None:
            return
        forms = sorted({m.text for m in self.state.corpus.mentions if m.actor == a.id})
        form = ask_choice(self.window, "Split actor", f"Mentions of {a.name} written as:", forms) if forms else None
        name = form and ask_text(self.window, "Split actor", "Name of the new actor:", form)
        if name:
            self.push(edits.split_actor(a, name, [form]))

    def add_alias(self) -> None:
        a = self._one_actor()
        alias = a and ask_text(self.window, "Add alias", f"Another name for {a.name}:")
        if alias:
            self.push(edits.add_alias(a, alias))

    def remove_alias(self) -> None:
        a = self._one_actor()
        if a is None or not a.aliases:
            return
        alias = ask_choice(self.window, "Remove alias", f"Alias of {a.name} to remove:", list(a.aliases))
        if alias:
            self.push(edits.remove_alias(a, alias))

    def delete_actor(self) -> None:
        a = self._one_actor()
        if a is not None:
            self.push(edits.delete_actor(a))

    def add_tie(self) -> None:
        actors = self.selected_actors()
        if len(actors) != 2:
            return
        weight = ask_number(self.window, "Add tie", f"Weight of the tie between {actors[0].name} and {actors[1].name}:")
        if weight:
            self.push(edits.add_tie(actors[0], actors[1], weight))

    # -- event corrections ------------------------------------------------------
    def text_span(self) -> Optional[tuple]:
        """(document, start, end) of the text selected in the document view, in Python string offsets.

        Asks the window's document view for ``selected_span()``; a view
        without it (or with nothing selected) gives None.
        """
        view = getattr(self.window, "views", {}).get("DocumentView")
        getter = getattr(view, "selected_span", None)
        span = getter() if callable(getter) else None
        if not span:
            return None
        doc_id, start, end = span
        doc = next((d for d in self.state.corpus.documents if d.id == doc_id), None)
        return (doc, start, end) if doc is not None and 0 <= start < end <= len(doc.text) else None

    def add_event(self) -> None:
        span = self.text_span()
        if span is None:
            QMessageBox.information(self.window, "Add event",
                                    "Select the sentence that states the event in the document view first.")
            return
        doc, start, end = span
        label = ask_text(self.window, "Add event", "What happened (a short label):", " ".join(doc.text[start:end].split()[:6]))
        if not label:
            return
        answer = ask_date(self.window, "")
        if answer is None:
            return
        value, interval = (answer[1], answer[2]) if answer[0] == "set" else (None, None)
        self.push(edits.add_event(doc, start, end, label, [(a, None) for a in self.selected_actors()], value, interval))

    def set_event_date(self) -> None:
        ev = self.selected_event()
        if ev is None:
            return
        answer = ask_date(self.window, ev.date.value if ev.date else "")
        if answer is None:
            return
        if answer[0] == "clear":
            self.push(edits.set_event_date(self.state.corpus, ev, None, None))
        else:
            self.push(edits.set_event_date(self.state.corpus, ev, answer[1], answer[2]))

    def delete_event(self) -> None:
        ev = self.selected_event()
        if ev is not None:
            self.push(edits.delete_event(self.state.corpus, ev))

    # -- notes -------------------------------------------------------------------
    def note_target(self):
        """The item a note attaches to: the event, else the one actor, else the tie between
        two selected actors, else the only document."""
        ev = self.selected_event()
        if ev is not None:
            return ev
        a = self._one_actor()
        if a is not None:
            return a
        tie = self._selected_tie()
        if tie is not None:
            return tie
        docs = self.state.corpus.documents
        return docs[0] if len(docs) == 1 else None

    def add_note(self) -> None:
        item = self.note_target()
        if item is None:
            QMessageBox.information(self.window, "Add note", "Select an event, one actor, or two tied actors to attach a note to.")
            return
        text = ask_note(self.window, "Add note", self.notes_of(item))
        if text:
            self.push(edits.note(self.state.corpus, item, text))
