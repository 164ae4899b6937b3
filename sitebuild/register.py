"""The register of law and guidance: one data file (law-and-guidance.yml) listing every Act,
regulation and document the site relies on, with its status and when it was last checked.

Pages name register entries instead of restating editions (`<span data-law="ID"></span>`, or
`- law: ID` among a page's sources), so a new edition is recorded in one place. From the register
the build makes the "Law and guidance this site follows" page and the "What has changed" timeline,
shows a "may be out of date" notice on a page relying on an entry past its check-again date, and
refuses a page that names a superseded entry outside a history box.

This module is the data and the logic; sitebuild/register_pages.py is the HTML.
"""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import schemas
from .errors import BuildError

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REGISTER = REPO_ROOT / "law-and-guidance.yml"
SCHEMA = "law-and-guidance.schema.json"

STATUS_LABELS = {
    "in-force": "In force",
    "partly-in-force": "Partly in force",
    "not-yet-in-force": "Not yet in force",
    "commencement-unconfirmed": "Start not confirmed",
    "current": "Current",
    "consultation": "Draft, consulted on",
    "superseded": "Superseded",
    "withdrawn": "Withdrawn",
}
VERIFIED_LABELS = {
    "primary": "checked against the source itself",
    "secondary": "confirmed only from copies or summaries of the source",
    "reported": "reported, not confirmed",
}
# Elements whose words are about the past by design: a reference rendered from the register
# (which says "superseded" itself), an "Out of date in the sources" box, or a marked history block.
HISTORY_CLASSES = frozenset({"law-ref", "outdated", "history"})


@dataclass(frozen=True)
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str
    when: str = ""
    source: str = ""
    entry: str = ""  # the register entry it belongs to, if any


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    kind: str
    publisher: str
    status: str
    used_for: str
    checked: datetime.date
    check_again_by: datetime.date
    verified: str
    url: str = ""  # empty only for a document with no public address
    short_title: str = ""
    status_note: str = ""
    superseded_by: str = ""
    dates: dict = field(default_factory=dict)
    note: str = ""
    names: tuple = ()
    events: tuple = ()

    @property
    def name(self):
        """What a sentence calls it."""
        return self.short_title or self.title

    @property
    def is_superseded(self):
        return self.status in ("superseded", "withdrawn")

    def is_stale(self, today):
        return self.check_again_by < today


@dataclass(frozen=True)
class Register:
    as_at: datetime.date
    entries: dict  # id -> Entry, in file order
    other_changes: tuple = ()
    file: str = "law-and-guidance.yml"

    def entry(self, entry_id, where):
        try:
            return self.entries[entry_id]
        except KeyError:
            raise BuildError([f"{where}: names register entry {entry_id!r}, which is not in {self.file}"]) from None

    def replacement(self, entry):
        """The entry that applies now in place of a superseded one (following a chain)."""
        seen = set()
        while entry.superseded_by and entry.id not in seen:
            seen.add(entry.id)
            entry = self.entries[entry.superseded_by]
        return entry

    def timeline(self):
        """Every dated change, oldest first."""
        events = [event for entry in self.entries.values() for event in entry.events] + list(self.other_changes)
        return sorted(events, key=lambda event: (event.date.ljust(10, "~"), event.text))

    def stale(self, entry_ids, today):
        return [
            self.entries[i] for i in dict.fromkeys(entry_ids) if i in self.entries and self.entries[i].is_stale(today)
        ]


# Loading and checking


def register_for(config):
    """The checked register for an MkDocs build (file named by `extra.law_register`), loaded once
    per build by whichever hook asks first; hooks/register.py clears it when a build starts."""
    loaded = config["extra"].get("register")
    if loaded is None:
        folder = Path(config["config_file_path"]).parent
        loaded = load_register(folder / config["extra"].get("law_register", DEFAULT_REGISTER.name))
        config["extra"]["register"] = loaded
    return loaded


def load_register(path=DEFAULT_REGISTER):
    """Read, check and return the register; raise BuildError naming the file and every bad key."""
    path = Path(path)
    data = schemas.read_yaml(path)
    found = schemas.problems(data, SCHEMA, path.name, label=lambda p: _key_with_id(data, p))
    if found:
        raise BuildError(found, heading="The register of law and guidance has problems")
    found = list(_consistency_problems(data, path.name))
    if found:
        raise BuildError(found, heading="The register of law and guidance has problems")
    entries = {raw["id"]: _entry(raw) for raw in data["entries"]}
    return Register(
        as_at=datetime.date.fromisoformat(data["as_at"]),
        entries=entries,
        other_changes=tuple(_event(raw) for raw in data.get("other_changes") or ()),
        file=path.name,
    )


def _key_with_id(data, path):
    """'entries[3]' becomes 'entries[3] (working-together-2026)', so the entry is easy to find."""
    name = schemas.key_name(path)
    if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, list) and path[1] < len(entries) and isinstance(entries[path[1]], dict):
            entry_id = entries[path[1]].get("id")
            if isinstance(entry_id, str):
                prefix = f"entries[{path[1]}]"
                name = f"{prefix} ({entry_id}){name[len(prefix) :]}"
    return name


def _consistency_problems(data, file_name):
    """What a schema cannot say: unique ids and names, a replacement that exists, dates in order."""
    ids, names = {}, {}
    for index, raw in enumerate(data["entries"]):
        where = f"{file_name}: key 'entries[{index}] ({raw['id']})"
        if raw["id"] in ids:
            yield f"{where}.id' repeats the id of entries[{ids[raw['id']]}]"
        ids.setdefault(raw["id"], index)
        for name in raw.get("names", ()):
            folded = _fold(name)
            if folded in names:
                yield f"{where}.names' repeats {name!r}, already a name of {names[folded]}"
            names.setdefault(folded, raw["id"])
        if raw["check_again_by"] < raw["checked"]:
            yield f"{where}.check_again_by' is before its 'checked' date"
    for index, raw in enumerate(data["entries"]):
        where = f"{file_name}: key 'entries[{index}] ({raw['id']})"
        replaced_by = raw.get("superseded_by")
        if raw["status"] == "superseded" and not replaced_by:
            yield f"{where}.superseded_by' is missing: name the entry that replaced it"
        if replaced_by and raw["status"] != "superseded":
            yield f"{where}.superseded_by' is only for status: superseded (the status is {raw['status']})"
        if replaced_by and replaced_by not in ids:
            yield f"{where}.superseded_by' names {replaced_by!r}, which is not an entry"


def _entry(raw):
    return Entry(
        id=raw["id"],
        title=raw["title"].strip(),
        kind=raw["kind"],
        publisher=raw["publisher"].strip(),
        status=raw["status"],
        used_for=raw["used_for"].strip(),
        url=raw.get("url") or "",
        checked=datetime.date.fromisoformat(raw["checked"]),
        check_again_by=datetime.date.fromisoformat(raw["check_again_by"]),
        verified=raw["verified"],
        short_title=(raw.get("short_title") or "").strip(),
        status_note=(raw.get("status_note") or "").strip(),
        superseded_by=raw.get("superseded_by") or "",
        dates=dict(raw.get("dates") or {}),
        note=(raw.get("note") or "").strip(),
        names=tuple(raw.get("names") or ()),
        events=tuple(_event(event, raw["id"]) for event in raw.get("events") or ()),
    )


def _event(raw, entry_id=""):
    return Event(raw["date"], raw["text"].strip(), (raw.get("when") or "").strip(), raw.get("source") or "", entry_id)


# Finding a superseded entry presented as current


def superseded_mentions(html, register):
    """(entry, name) for each name of a superseded entry in the page's text outside a history
    context (see HISTORY_CLASSES)."""
    text = _current_text(html)
    found = []
    for entry in register.entries.values():
        if not entry.is_superseded:
            continue
        for name in entry.names:
            if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", text, re.IGNORECASE):
                found.append((entry, name))
    return found


def _fold(text):
    return " ".join(text.lower().split())


class _CurrentText(HTMLParser):
    """The page's text, leaving out what sits inside a history context."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, does it start a history context?) per open element
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, bool(classes & HISTORY_CLASSES)))

    def handle_endtag(self, tag):
        # Close the nearest open element of this name (and any left unclosed inside it).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not any(history for _, history in self.stack):
            self.parts.append(data)


def _current_text(html):
    parser = _CurrentText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
