"""The decision record: what a practitioner keeps once a chart reaches its outcome.

Golden rule 7: record the decision and the reasons for it, whether or not you share. The record
holds when it was made, the chart and its version, every question with the answer given, the
outcome, the reasons, and the optional details the practitioner adds (what was shared, with whom,
how, on what lawful basis, whether the family was told, what advice was sought).

Three parts, kept apart:

* data: RECORD_FIELDS describes the optional fields (the page builds its form from it);
* logic: build_record checks the fields and makes the record, a JSON-ready dict;
* presentation: record_as_text, record_as_json and record_filename turn a record into something
  to print, copy or download.

Everything here is pure and uses only the standard library (it runs in Pyodide). The time comes
from the caller, and nothing is sent or stored: the record lives only in the page.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .dates import long_date
from .errors import InvalidRecord
from .validate import DECISION_LABELS

RECORD_FORMAT = "share-to-safeguard/decision-record"
RECORD_FORMAT_VERSION = 1
MAX_VALUE_LENGTH = 4000
MAX_CREATED_LENGTH = 40
RECORD_NOTICE = (
    "This record was made in your browser. Nothing was sent or stored. "
    "Keep it in your organisation's case record system."
)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class RecordField:
    """One optional field of the record.

    kind is "text", "choice" (pick one from a list) or "yes-no" (a short fixed set of answers,
    shown as radio buttons). multiline says whether a text field wants a text area.
    shown_when is None or (other field key, values of that field for which this one applies):
    a value given while the condition does not hold is left out of the record, as the form
    would have hidden the field.
    """

    key: str
    label: str
    kind: str
    hint: str = ""
    choices: tuple = ()
    multiline: bool = False
    shown_when: tuple = None

    def choice(self, value):
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None


RECORD_FIELDS = (
    RecordField(
        "rationale",
        "Your reasons for the decision",
        "text",
        "In your own words: what you were worried about, and why you decided to share or not "
        "to share. Keep facts separate from opinions, and say which is which.",
        multiline=True,
    ),
    RecordField(
        "what_shared",
        "What information was shared",
        "text",
        "Only what the person receiving it needed for this purpose. Leave blank if you did not "
        "share.",
        multiline=True,
    ),
    RecordField(
        "shared_with",
        "Who it was shared with",
        "text",
        "Their name, role and organisation.",
    ),
    RecordField(
        "how_shared",
        "How and when it was shared",
        "text",
        "For example, by secure email, by phone or at a meeting, and the date.",
    ),
    RecordField(
        "lawful_basis",
        "Lawful basis for sharing",
        "choice",
        "The UK GDPR lawful basis you relied on. Public authorities usually use public task. "
        "Charities, independent schools and private providers may be able to use recognised "
        "legitimate interest (safeguarding). If you ask your information governance lead, "
        "record their advice below.",
        choices=(
            Choice("consent", "Consent (UK GDPR Article 6(1)(a))"),
            Choice("contract", "Contract (Article 6(1)(b))"),
            Choice("legal-obligation", "Legal obligation (Article 6(1)(c))"),
            Choice("vital-interests", "Vital interests: to protect someone's life (Article 6(1)(d))"),
            Choice("public-task", "Public task (Article 6(1)(e))"),
            Choice("legitimate-interests", "Legitimate interests (Article 6(1)(f))"),
            Choice(
                "recognised-legitimate-interest",
                "Recognised legitimate interest: safeguarding a vulnerable individual "
                "(in force from 5 February 2026)",
            ),
            Choice("other", "Other (say which)"),
            Choice("not-applicable", "Not applicable: not shared"),
        ),
    ),
    RecordField(
        "lawful_basis_other",
        "Which other lawful basis",
        "text",
        "Name the basis, and the law it comes from if you know it.",
        shown_when=("lawful_basis", ("other",)),
    ),
    RecordField(
        "family_told",
        "Have you told the child or family?",
        "yes-no",
        "That you are sharing their information, and why. Be open with them unless telling them "
        "could put a child or anyone else at risk of harm.",
        choices=(Choice("yes", "Yes"), Choice("no", "No"), Choice("not-yet", "Not yet")),
    ),
    RecordField(
        "family_not_told_reason",
        "Why they have not been told",
        "text",
        "For example, telling them could put a child at risk of harm, or could get in the way of "
        "an investigation.",
        multiline=True,
        shown_when=("family_told", ("no", "not-yet")),
    ),
    RecordField(
        "advice_sought_from",
        "Who you asked for advice",
        "text",
        "For example, your designated safeguarding lead, your manager or your information "
        "governance lead. Leave blank if you did not ask anyone.",
    ),
    RecordField(
        "advice_outcome",
        "What the advice was",
        "text",
        "The outcome of the discussion.",
        multiline=True,
    ),
    RecordField(
        "notes",
        "Other notes",
        "text",
        "Anything else, such as what happens next. If you shared special category information, "
        "such as health details, note the condition you relied on as well as the lawful basis: "
        "for example, the Data Protection Act 2018, Schedule 1, Part 2, paragraph 18 "
        "(safeguarding of children and individuals at risk).",
        multiline=True,
    ),
)
FIELDS_BY_KEY = {field.key: field for field in RECORD_FIELDS}


def field_descriptions():
    """RECORD_FIELDS as plain, JSON-ready data, for the page to build its form from."""
    return [
        {
            "key": field.key,
            "label": field.label,
            "kind": field.kind,
            "hint": field.hint,
            "multiline": field.multiline,
            "max_length": MAX_VALUE_LENGTH,
            "choices": [{"value": c.value, "label": c.label} for c in field.choices],
            "shown_when": (
                {"field": field.shown_when[0], "values": list(field.shown_when[1])}
                if field.shown_when
                else None
            ),
        }
        for field in RECORD_FIELDS
    ]


# Logic


def build_record(journey, fields, created):
    """The decision record for a finished journey, as a JSON-ready dict.

    fields maps field keys (see RECORD_FIELDS) to the text typed or the choice's value; every
    field is optional and empty ones are left out. created is an ISO 8601 date and time from the
    caller's clock. Raises InvalidRecord if the journey has no outcome or any input is unusable.
    """
    outcome = journey.outcome
    if outcome is None:
        raise InvalidRecord(
            None,
            f"Chart {journey.chart.id!r} has not reached an outcome yet, so there is no decision "
            "to record.",
        )
    _check_created(created)
    details = _details(fields)
    chart = journey.chart
    path = journey.path
    return {
        "format": RECORD_FORMAT,
        "format_version": RECORD_FORMAT_VERSION,
        "created": created,
        "chart": {"id": chart.id, "title": chart.title, "version": chart.version},
        "answers": [
            {
                "question_id": step.question.id,
                "question": step.question.text,
                "answer": step.option.answer,
                "answer_label": step.option.label,
            }
            for step in path
        ],
        "outcome": {"id": outcome.id, "title": outcome.title, "decision": outcome.decision},
        "reasons": [f"{step.question.text} — {step.option.label}" for step in path],
        "details": details,
        "notice": RECORD_NOTICE,
        **({"local": _local(chart.local)} if chart.local else {}),
    }


def _local(local):
    """Where the record was made: the partnership the site is for and its procedures. These
    come from the site's settings, never from the practitioner, so nothing personal is added."""
    return {key: str(local[key]) for key in ("partnership", "procedures_title", "procedures_url") if local.get(key)}


def _check_created(created):
    if not isinstance(created, str) or len(created) > MAX_CREATED_LENGTH:
        raise InvalidRecord("created", "must be an ISO 8601 date and time, as text.")
    try:
        datetime.fromisoformat(created)
    except ValueError:
        raise InvalidRecord("created", f"{created!r} is not an ISO 8601 date and time.") from None
    if not re.match(r"^\d{4}-?\d{2}-?\d{2}[T ]\d{2}", created):
        raise InvalidRecord("created", f"{created!r} has a date but no time.")


def _details(fields):
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise InvalidRecord(None, "The record's fields must be a mapping of field key to text.")
    for key in fields:
        if key not in FIELDS_BY_KEY:
            known = ", ".join(FIELDS_BY_KEY)
            raise InvalidRecord(key, f"there is no such field. Known fields: {known}.")
    values = {}
    for field in RECORD_FIELDS:
        if field.key in fields:
            values[field.key] = _clean(field, fields[field.key])
    details = {}
    for field in RECORD_FIELDS:
        value = values.get(field.key, "")
        if not value or not _applies(field, values):
            continue
        details[field.key] = field.choice(value).label if field.choices else value
    return details


def _clean(field, value):
    if not isinstance(value, str):
        raise InvalidRecord(field.key, f"must be text, not {type(value).__name__}.")
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidRecord(
            field.key, f"is {len(value)} characters long; the most it can hold is {MAX_VALUE_LENGTH}."
        )
    if value and field.choices and field.choice(value) is None:
        allowed = ", ".join(repr(c.value) for c in field.choices)
        raise InvalidRecord(field.key, f"{value[:60]!r} is not one of the choices: {allowed}.")
    return value


def _applies(field, values):
    if field.shown_when is None:
        return True
    other, wanted = field.shown_when
    return values.get(other, "") in wanted


# Presentation


def record_as_text(record):
    """A plain-text rendering to print, or paste into a case record system. Values are written
    as they were typed: nothing in them is interpreted."""
    chart = record["chart"]
    outcome = record["outcome"]
    lines = [
        "Information-sharing decision record",
        "",
        f"Made: {_display_time(record['created'])}",
        f"Chart: {chart['title']} (version {chart['version']})",
    ]
    local = record.get("local") or {}
    if local.get("partnership"):
        lines.append(f"Site: Share to Safeguard for {local['partnership']}")
    lines += _heading("Outcome")
    lines.append(outcome["title"])
    lines.append(f"Decision: {DECISION_LABELS.get(outcome['decision'], outcome['decision'])}")
    lines += _heading("Reasons: the questions and your answers")
    lines += [f"{number}. {reason}" for number, reason in enumerate(record["reasons"], 1)]
    lines += _heading("Details")
    if record["details"]:
        for key, value in record["details"].items():
            field = FIELDS_BY_KEY.get(key)
            lines += _item(field.label if field else key, value)
    else:
        lines.append("No details were added.")
    if local.get("procedures_url"):
        title = local.get("procedures_title")
        where = f"{title}, {local['procedures_url']}" if title else local["procedures_url"]
        lines += ["", f"Follow your local procedures: {where}"]
    lines += ["", record["notice"]]
    return "\n".join(lines) + "\n"


def record_as_json(record):
    """The record as JSON text, for download; json.loads gives the same dict back."""
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def record_filename(record, extension):
    """A file name for a download, from the chart id and the time only (never a field value),
    e.g. decision-record-when-and-how-2026-11-21T1430.txt."""
    if not isinstance(extension, str) or not re.fullmatch(r"[a-z0-9]{1,8}", extension):
        raise InvalidRecord(None, f"{extension!r} is not a file name extension, such as 'txt'.")
    chart_id = re.sub(r"[^a-z0-9-]+", "-", str(record["chart"]["id"]).lower()).strip("-")
    made = datetime.fromisoformat(record["created"])
    stamp = f"{made.year:04d}-{made.month:02d}-{made.day:02d}T{made.hour:02d}{made.minute:02d}"
    return f"decision-record-{chart_id or 'chart'}-{stamp}.{extension}"


def _heading(title):
    return ["", title, "-" * len(title)]


def _item(label, value):
    """One detail: on one line if it fits, otherwise the label and then the value's lines,
    indented so that nothing typed can pass for a heading or another field."""
    if "\n" not in value:
        return [f"{label}{' ' if label.endswith('?') else ': '}{value}"]
    return [f"{label}:"] + [f"  {line}" if line else "" for line in value.split("\n")]


def _display_time(created):
    try:
        made = datetime.fromisoformat(created)
    except (TypeError, ValueError):
        return str(created)
    text = f"{long_date(made)} at {made.hour:02d}:{made.minute:02d}"
    offset = made.utcoffset()
    if offset is None:
        return text
    if not offset:
        return f"{text} (UTC)"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{text} (UTC{sign}{hours:02d}:{minutes:02d})"
