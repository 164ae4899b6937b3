"""The disclosure record: what a practitioner writes down when a child tells them something.

The disclosure protocol (seed 003, section 3.1) says always to record when a disclosure was made,
who made it, to whom, how, and what was disclosed; the 2024 advice (golden rule 7) says to record
what was shared, with whom and why. This is the same kind of record as the decision record
(flowchart/record.py), with its own fields, and kept apart in the same way:

* data: DISCLOSURE_FIELDS, from which the page's form is built (render.render_disclosure_form);
* logic: build_disclosure_record checks the fields and makes the record, a JSON-ready dict;
* presentation: disclosure_as_text and disclosure_filename (record_as_json serves both).

The child's words are kept exactly as typed: nothing is corrected, shortened or interpreted.
Nothing is sent or stored: the record lives only in the page.
"""

from collections.abc import Mapping
from typing import Any

from .record import (
    RecordField,
    check_created,
    checked_details,
    closing_lines,
    display_time,
    heading,
    item,
    local_details,
    stamped_filename,
)

DISCLOSURE_FORMAT = "share-to-safeguard/disclosure-record"
DISCLOSURE_FORMAT_VERSION = 1
DISCLOSURE_NOTICE = (
    "This record was made in your browser. Nothing was sent or stored. Keep it in your "
    "organisation's safeguarding or case record system, and pass it on as your procedures say."
)

DISCLOSURE_FIELDS: tuple[RecordField, ...] = (
    RecordField(
        "child",
        "The child or young person",
        "text",
        "Their name, or the reference your organisation uses for them, and their age or date of birth.",
    ),
    RecordField(
        "who_told",
        "Who told you, if not the child",
        "text",
        "A disclosure can come from someone else: a brother or sister, a friend, a parent. Their "
        "name and how they know the child. Leave blank if the child told you.",
    ),
    RecordField(
        "when_told",
        "When they told you: the date and time",
        "text",
        "For example, Tuesday 1 December 2026 at 10:15.",
    ),
    RecordField(
        "where_and_how",
        "Where they told you, and how it came up",
        "text",
        "For example, in the classroom after a lesson, without being asked; or in a note; or in "
        "answer to a question (write the question below, word for word).",
        multiline=True,
    ),
    RecordField(
        "their_words",
        "What they said, in their own words",
        "text",
        "Write their words exactly as they said them, including words you would not use "
        "yourself. Put any question you asked in too, word for word. Do not add to it or tidy it.",
        multiline=True,
    ),
    RecordField(
        "noticed",
        "What you noticed",
        "text",
        "Facts you saw or heard, such as a mark or how they seemed. Keep facts separate from your "
        "opinions, and say which is which.",
        multiline=True,
    ),
    RecordField(
        "present",
        "Who else was there",
        "text",
        "Names and roles, or 'no one else'.",
    ),
    RecordField(
        "you_said_and_did",
        "What you said and did next",
        "text",
        "What you told them would happen next (you did not promise to keep it secret), and what "
        "you did after they told you.",
        multiline=True,
    ),
    RecordField(
        "passed_to",
        "Who you passed it to, and when",
        "text",
        "For example, the designated safeguarding lead, or children's social care: their name, "
        "role, how you told them, and the date and time.",
        multiline=True,
    ),
    RecordField(
        "recorded_by",
        "Your name and role",
        "text",
        "Who made this record.",
    ),
)
DISCLOSURE_FIELDS_BY_KEY: dict[str, RecordField] = {field.key: field for field in DISCLOSURE_FIELDS}


def build_disclosure_record(
    fields: Mapping[str, object] | None, created: str, local: Mapping[str, object] | None = None
) -> dict[str, Any]:
    """The disclosure record, as a JSON-ready dict. fields maps DISCLOSURE_FIELDS keys to what
    was typed (every field optional, empty ones left out); created is an ISO 8601 date and time
    from the caller's clock; local is the site's partnership details. Raises InvalidRecord."""
    check_created(created)
    details = checked_details(fields, DISCLOSURE_FIELDS)
    return {
        "format": DISCLOSURE_FORMAT,
        "format_version": DISCLOSURE_FORMAT_VERSION,
        "created": created,
        "details": details,
        "notice": DISCLOSURE_NOTICE,
        **({"local": local_details(local)} if local else {}),
    }


def disclosure_as_text(record: Mapping[str, Any]) -> str:
    """Plain text to print or paste, every value exactly as typed (multi-line values indented so
    nothing typed can pass for a heading or another field)."""
    lines = ["Record of what a child told me", "", f"Record made: {display_time(record['created'])}"]
    local = record.get("local") or {}
    if local.get("partnership"):
        lines.append(f"Site: Share to Safeguard for {local['partnership']}")
    lines += heading("What happened")
    if record["details"]:
        for key, value in record["details"].items():
            lines += item(DISCLOSURE_FIELDS_BY_KEY[key].label, value)
    else:
        lines.append("Nothing was filled in.")
    lines += closing_lines(record)
    return "\n".join(lines) + "\n"


def disclosure_filename(record: Mapping[str, Any], extension: str) -> str:
    """e.g. disclosure-record-2026-12-01T1015.txt: the time the record was made, nothing typed."""
    return stamped_filename("disclosure-record", record["created"], extension)
