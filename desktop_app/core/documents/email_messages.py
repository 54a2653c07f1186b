"""E-mail (``.eml``, ``.mbox``): each message a document, each attached document one more.

The standard library's ``email`` package parses the messages. A message's
``Date`` is its creation time (to the minute, in the sender's own clock, as
the rest of Eventscope keeps local times), ``From`` is who reported it (the
document's publication), ``Subject`` its title. The plain-text body is
preferred; an HTML-only message is read through ``html_text`` like a web
page. Attached files of a kind Eventscope reads (PDF, Word, OpenDocument,
text, HTML, another message) become documents of their own whose ``parent``
is the message; one without a date of its own is dated by its message,
which says so in its source.
"""
from __future__ import annotations

import email
import hashlib
import mailbox
import re
import tempfile
from email import policy
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Callable, Optional

from ..tasks import TaskState, report
from .decoding import DecodeError, decode
from .found import FormatError, Found, checked_size
from .html_text import extract_html

MAX_BYTES = 512 * 1024 * 1024
HEADERS = ("From", "To", "Cc", "Date", "Subject")


def _text_of(part) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError, ValueError):
        content = None
    if isinstance(content, bytes) or content is None:
        raw = part.get_payload(decode=True) or b""
        try:
            content, _ = decode(raw)
        except DecodeError:
            return ""
    return content


def message_date(value: Optional[str]) -> Optional[tuple[str, str]]:
    if not value:
        return None
    try:
        d = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if d is None or not 1 <= d.year <= 9999:
        return None
    return d.strftime("%Y-%m-%dT%H:%M"), "minute"


def _sender(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    pairs = getaddresses([str(value)])
    if not pairs:
        return str(value).strip() or None
    name, addr = pairs[0]
    return (name or addr or str(value)).strip() or None


def _body(msg) -> str:
    try:
        plain = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
    except (KeyError, AttributeError):
        plain = html = None
    if plain is not None:
        text = _text_of(plain)
        if text.strip():
            return text.replace("\r\n", "\n").strip()
    if html is not None:
        return extract_html(_text_of(html))["text"]
    if msg.get_content_maintype() == "text":
        return _text_of(msg).strip()
    return ""


def _attachments(msg):
    for part in msg.iter_attachments() if msg.is_multipart() else ():
        name = part.get_filename()
        if part.get_content_type() == "message/rfc822":
            yield (name or "attached message.eml"), part
        elif name:
            yield name, part


ReadFile = Callable[[Path], list[Found]]


def read_message(msg, part: Optional[str], read_file: ReadFile, suffixes: set[str], warnings: list[str],
                 where: str) -> list[Found]:
    """The message (``part`` is its id suffix) and its readable attachments, in that order."""
    headers = {h: " ".join(str(msg.get(h, "")).split()) for h in HEADERS if msg.get(h)}
    dct = message_date(msg.get("Date"))
    text = _body(msg) or (f"(no text in this message: {headers.get('Subject', 'no subject')})")
    try:
        raw = msg.as_bytes(policy=policy.default.clone(linesep="\n"))
    except (UnicodeError, ValueError, TypeError, LookupError):
        # A message too broken to serialise is still identified by what was read from it.
        raw = ("\n".join(f"{k}: {v}" for k, v in headers.items()) + "\n\n" + text).encode("utf-8", "replace")
    found = Found(text=text, kind="email", title=headers.get("Subject") or None, publication=_sender(msg.get("From")),
                  dct=dct, dct_source="email-date" if dct else None, part=part,
                  sha256=hashlib.sha256(raw).hexdigest())
    found.layout["headers"] = headers
    out = [found]
    names = []
    for k, (name, att) in enumerate(_attachments(msg), 1):
        names.append(name)
        sub = f"{part}-a{k}" if part else f"a{k}"
        suffix = Path(name).suffix.lower()
        if att.get_content_type() == "message/rfc822":
            inner = att.get_payload(0) if att.is_multipart() else None
            if inner is not None:
                for f in read_message(inner, sub, read_file, suffixes, warnings, f"{where}, {name}"):
                    if f.parent_part is None:
                        f.parent_part = part or ""
                    out.append(f)
            continue
        if suffix not in suffixes:
            continue
        data = att.get_payload(decode=True) or b""
        with tempfile.TemporaryDirectory(prefix="eventscope-att-") as tmp:
            p = Path(tmp) / _safe_name(name, suffix)
            try:
                p.write_bytes(data)
                inner = read_file(p)
            except FormatError as exc:
                warnings.append(f"{where}: attachment {exc}")
                continue
            except OSError as exc:
                warnings.append(f"{where}: attachment {name} cannot be read ({exc.strerror or exc})")
                continue
        for i, f in enumerate(inner):
            f.part = sub if len(inner) == 1 else f"{sub}-{i + 1}"
            f.parent_part = part or ""
            f.title = f.title or name
            f.layout.setdefault("attachment", name)
            if f.dct is None and dct is not None:
                f.dct, f.dct_source = dct, "message-date"
            out.append(f)
    if names:
        found.layout["attachments"] = names
    return out


def _safe_name(name: str, suffix: str) -> str:
    """An attachment's file name made safe to write in a scratch folder ("../x.pdf" stays inside it)."""
    stem = re.sub(r"[^\w.-]+", "_", Path(name.replace("\\", "/")).name).strip("._")[:100]
    return (stem or "attachment") + ("" if stem.lower().endswith(suffix) else suffix)


def read_eml(path: Path, read_file: ReadFile, suffixes: set[str]) -> list[Found]:
    checked_size(path, MAX_BYTES)
    data = path.read_bytes()
    msg = email.message_from_bytes(data, policy=policy.default)
    if not msg.keys():
        raise FormatError(f"{path.name}: is not an e-mail message (no headers)")
    warnings: list[str] = []
    found = read_message(msg, None, read_file, suffixes, warnings, path.name)
    found[0].warnings.extend(warnings)
    return found


def read_mbox(path: Path, read_file: ReadFile, suffixes: set[str], task: Optional[TaskState] = None) -> list[Found]:
    checked_size(path, MAX_BYTES)
    box = mailbox.mbox(str(path), factory=lambda f: email.message_from_binary_file(f, policy=policy.default),
                       create=False)
    out: list[Found] = []
    warnings: list[str] = []
    try:
        keys = box.keys()
        for n, key in enumerate(keys, 1):
            report(task, n / max(1, len(keys)), f"Reading {path.name}: message {n} of {len(keys)}")
            try:
                msg = box[key]
                out.extend(read_message(msg, f"m{n}", read_file, suffixes, warnings, f"{path.name}, message {n}"))
            except FormatError:
                raise
            except Exception as exc:  # noqa: BLE001 - one malformed message must not lose the rest of the box
                warnings.append(f"{path.name}: message {n} cannot be read ({type(exc).__name__})")
    finally:
        box.close()
    if not out:
        raise FormatError(f"{path.name}: holds no messages (is it an mbox file?)")
    out[0].warnings.extend(warnings)
    return out
