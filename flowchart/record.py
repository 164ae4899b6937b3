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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .dates import long_date
from .errors import InvalidRecord
from .journey import Journey
from .model import decision_label

RECORD_FORMAT = "share-to-safeguard/decision-record"
RECORD_FORMAT_VERSION = 2
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
    shown_when is None or (other field key, values of that field for which this one is asked):
    the form shows the field while that holds, or while it holds anything typed, so nothing
    typed is ever hidden, and everything typed goes into the record.
    sharing_only says the field is about what was shared: an outcome that shares nothing
    leaves it out of the form (model.Outcome.asks_what_was_shared).
    """

    key: str
    label: str
    kind: str
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    multiline: bool = False
    shown_when: tuple[str, tuple[str, ...]] | None = None
    sharing_only: bool = False

    def choice(self, value: str) -> Choice | None:
        for choice in self.choices:
            if choice.value == value:
                return choice
        return None


# The seven lawful bases of UK GDPR Article 6(1) since 5 February 2026 (Data (Use and Access) Act
# 2025, section 70), then the police's own regime, then the escape hatches.
ARTICLE_6_BASES: tuple[Choice, ...] = (
    Choice("public-task", "Public task (UK GDPR Article 6(1)(e))"),
    Choice("legal-obligation", "Legal obligation (Article 6(1)(c))"),
    Choice("vital-interests", "Vital interests: to protect someone's life (Article 6(1)(d))"),
    Choice(
        "recognised-legitimate-interests",
        "Recognised legitimate interests (Article 6(1)(ea)): say which condition below",
    ),
    Choice("legitimate-interests", "Legitimate interests, with a balancing test (Article 6(1)(f))"),
    Choice("consent", "Consent (Article 6(1)(a))"),
    Choice("contract", "Contract (Article 6(1)(b))"),
)

RECORD_FIELDS: tuple[RecordField, ...] = (
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
        "Only what the person receiving it needed for this purpose.",
        multiline=True,
        sharing_only=True,
    ),
    RecordField(
        "shared_with",
        "Who it was shared with",
        "text",
        "Their name, role and organisation.",
        sharing_only=True,
    ),
    RecordField(
        "how_shared",
        "How and when it was shared",
        "text",
        "For example, by secure email, by phone or at a meeting, and the date.",
        sharing_only=True,
    ),
    RecordField(
        "lawful_basis",
        "Lawful basis for sharing (UK GDPR Article 6)",
        "choice",
        "Public authorities use public task (or legal obligation) and by law cannot use "
        "recognised legitimate interests for their tasks. Charities, independent schools, private "
        "nurseries and other bodies can usually use recognised legitimate interests with the "
        "safeguarding condition. Not sure? Use the lawful-basis flowchart, or ask your data "
        "protection officer and record their advice below.",
        choices=ARTICLE_6_BASES
        + (
            Choice(
                "law-enforcement", "Police law enforcement processing (Data Protection Act 2018, Part 3, section 35)"
            ),
            Choice("other", "Other (say which)"),
            Choice("not-applicable", "Not applicable: nothing was shared"),
        ),
    ),
    RecordField(
        "recognised_condition",
        "Which recognised legitimate interest condition",
        "choice",
        "The condition in UK GDPR Annex 1 that applies. Record every one that applies.",
        choices=(
            Choice("safeguarding", "Safeguarding a vulnerable individual, such as a child (Annex 1, paragraph 6)"),
            Choice(
                "disclosure-response",
                "Answering a request from a public authority that needs the information for its task "
                "(public task disclosure response, Annex 1, paragraph 1)",
            ),
            Choice("crime", "Detecting, investigating or preventing crime (Annex 1, paragraph 5)"),
            Choice(
                "emergency", "Responding to an emergency under the Civil Contingencies Act 2004 (Annex 1, paragraph 3)"
            ),
        ),
        shown_when=("lawful_basis", ("recognised-legitimate-interests",)),
    ),
    RecordField(
        "lawful_basis_other",
        "Which other lawful basis",
        "text",
        "Name the basis, and the law it comes from if you know it.",
        shown_when=("lawful_basis", ("other",)),
    ),
    RecordField(
        "special_category_condition",
        "Condition for health or other special category information (Article 9)",
        "choice",
        "Needed as well as the lawful basis if you shared information about health, sex life or "
        "sexual orientation, racial or ethnic origin, religion or beliefs, or similar.",
        choices=(
            Choice("none", "None needed: no special category information was shared"),
            Choice(
                "safeguarding-para-18",
                "Safeguarding of children and of individuals at risk (Article 9(2)(g); Data Protection "
                "Act 2018, Schedule 1, paragraph 18; needs an appropriate policy document)",
            ),
            Choice(
                "health-social-care",
                "Health or social care (Article 9(2)(h); Data Protection Act 2018, Schedule 1, paragraph 2)",
            ),
            Choice(
                "statutory-purposes", "Statutory and government purposes (Article 9(2)(g); Schedule 1, paragraph 6)"
            ),
            Choice("vital-interests", "Vital interests, where the person cannot consent (Article 9(2)(c))"),
            Choice("explicit-consent", "Explicit consent (Article 9(2)(a))"),
            Choice(
                "police-sensitive-processing",
                "Police law enforcement: safeguarding of children and of individuals at risk (Data Protection "
                "Act 2018, Schedule 8, paragraph 4)",
            ),
            Choice("other", "Other (say which in the notes)"),
        ),
    ),
    RecordField(
        "criminal_offence_condition",
        "Condition for information about crimes or allegations (Article 10)",
        "choice",
        "Needed if you shared information about crimes, alleged crimes or criminal proceedings, about anyone.",
        choices=(
            Choice("none", "None needed: no criminal offence information was shared"),
            Choice(
                "official-authority",
                "Under official authority, as a public body carrying out its functions (Article 10)",
            ),
            Choice(
                "safeguarding-para-18",
                "Safeguarding of children and of individuals at risk (Data Protection Act 2018, section 10(5) "
                "and Schedule 1, paragraphs 18 and 36; needs an appropriate policy document)",
            ),
            Choice("unlawful-acts-para-10", "Preventing or detecting unlawful acts (Schedule 1, paragraph 10)"),
            Choice("law-enforcement", "Police law enforcement processing (Data Protection Act 2018, Part 3)"),
            Choice("other", "Other (say which in the notes)"),
        ),
    ),
    RecordField(
        "confidentiality_basis",
        "Basis for sharing confidential information",
        "choice",
        "Separate from data protection law: if the information was given in confidence, what allowed you to share it.",
        choices=(
            Choice("not-confidential", "Not held in confidence"),
            Choice("consent", "The person's consent"),
            Choice(
                "public-interest",
                "The public interest in protecting a child or someone else outweighed the duty of confidence",
            ),
            Choice("legal-requirement", "A law or a court order required or allowed it"),
        ),
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
        "For example, telling them could put a child at risk of harm, or could get in the way of an investigation.",
        multiline=True,
        shown_when=("family_told", ("no", "not-yet")),
    ),
    RecordField(
        "advice_sought_from",
        "Who you asked for advice",
        "text",
        "For example, your designated safeguarding lead, your manager or your data protection "
        "officer. Leave blank if you did not ask anyone.",
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
        "Anything else, such as what happens next.",
        multiline=True,
    ),
)
# The fields a link may fill in (a `lawful-basis` outcome carrying its bases into a record): only
# choices, never text, so nothing a person typed can travel in an address.
PREFILLABLE: tuple[str, ...] = tuple(field.key for field in RECORD_FIELDS if field.kind == "choice")
FIELDS_BY_KEY: dict[str, RecordField] = {field.key: field for field in RECORD_FIELDS}


def field_descriptions() -> list[dict[str, Any]]:
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
                {"field": field.shown_when[0], "values": list(field.shown_when[1])} if field.shown_when else None
            ),
            "sharing_only": field.sharing_only,
        }
        for field in RECORD_FIELDS
    ]


# Logic


def build_record(journey: Journey, fields: Mapping[str, object] | None, created: str) -> dict[str, Any]:
    """The decision record for a finished journey, as a JSON-ready dict.

    fields maps field keys (see RECORD_FIELDS) to the text typed or the choice's value; every
    field is optional and empty ones are left out. created is an ISO 8601 date and time from the
    caller's clock. Raises InvalidRecord if the journey has no outcome or any input is unusable.
    """
    outcome = journey.outcome
    if outcome is None:
        raise InvalidRecord(
            None,
            f"Chart {journey.chart.id!r} has not reached an outcome yet, so there is no decision to record.",
        )
    check_created(created)
    details = checked_details(fields)
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
        **({"local": local_details(chart.local)} if chart.local else {}),
    }


def local_details(local: Mapping[str, object]) -> dict[str, str]:
    """Where the record was made: the partnership the site is for and its procedures. These
    come from the site's settings, never from the practitioner, so nothing personal is added."""
    return {key: str(local[key]) for key in ("partnership", "procedures_title", "procedures_url") if local.get(key)}


def check_created(created: object) -> None:
    if not isinstance(created, str) or len(created) > MAX_CREATED_LENGTH:
        raise InvalidRecord("created", "must be an ISO 8601 date and time, as text.")
    try:
        datetime.fromisoformat(created)
    except ValueError:
        raise InvalidRecord("created", f"{created!r} is not an ISO 8601 date and time.") from None
    if not re.match(r"^\d{4}-?\d{2}-?\d{2}[T ]\d{2}", created):
        raise InvalidRecord("created", f"{created!r} has a date but no time.")


def checked_details(
    fields: Mapping[str, object] | None, field_set: Sequence[RecordField] = RECORD_FIELDS
) -> dict[str, str]:
    """The typed and chosen values of `field_set`, checked, labelled for choices, empty ones left out."""
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise InvalidRecord(None, "The record's fields must be a mapping of field key to text.")
    known = {field.key: field for field in field_set}
    for key in fields:
        if key not in known:
            raise InvalidRecord(key, f"there is no such field. Known fields: {', '.join(known)}.")
    values: dict[str, str] = {}
    for field in field_set:
        if field.key in fields:
            values[field.key] = _clean(field, fields[field.key])
    # Everything typed goes in, whatever else was chosen: nothing a person typed is dropped.
    return {
        field.key: _choice_label(field, values[field.key]) if field.choices else values[field.key]
        for field in field_set
        if values.get(field.key)
    }


def _choice_label(field: RecordField, value: str) -> str:
    choice = field.choice(value)
    assert choice is not None, "_clean lets through only the field's own choices"
    return choice.label


def _clean(field: RecordField, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRecord(field.key, f"must be text, not {type(value).__name__}.")
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidRecord(field.key, f"is {len(value)} characters long; the most it can hold is {MAX_VALUE_LENGTH}.")
    if value and field.choices and field.choice(value) is None:
        allowed = ", ".join(repr(c.value) for c in field.choices)
        raise InvalidRecord(field.key, f"{value[:60]!r} is not one of the choices: {allowed}.")
    return value


# Presentation


def record_as_text(record: Mapping[str, Any]) -> str:
    """A plain-text rendering to print, or paste into a case record system. Values are written
    as they were typed: nothing in them is interpreted."""
    chart = record["chart"]
    outcome = record["outcome"]
    lines = [
        "Information-sharing decision record",
        "",
        f"Made: {display_time(record['created'])}",
        f"Chart: {chart['title']} (version {chart['version']})",
    ]
    local = record.get("local") or {}
    if local.get("partnership"):
        lines.append(f"Site: Share to Safeguard for {local['partnership']}")
    lines += heading("Outcome")
    lines.append(outcome["title"])
    lines.append(f"Decision: {decision_label(outcome['decision'])}")
    lines += heading("Reasons: the questions and your answers")
    lines += [f"{number}. {reason}" for number, reason in enumerate(record["reasons"], 1)]
    lines += heading("Details")
    if record["details"]:
        for key, value in record["details"].items():
            field = FIELDS_BY_KEY.get(key)
            lines += item(field.label if field else key, value)
    else:
        lines.append("No details were added.")
    lines += closing_lines(record)
    return "\n".join(lines) + "\n"


def record_as_json(record: Mapping[str, Any]) -> str:
    """The record as JSON text, for download; json.loads gives the same dict back."""
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def record_filename(record: Mapping[str, Any], extension: str) -> str:
    """A file name for a download, from the chart id and the time only (never a field value),
    e.g. decision-record-when-and-how-2026-11-21T1430.txt."""
    chart_id = re.sub(r"[^a-z0-9-]+", "-", str(record["chart"]["id"]).lower()).strip("-")
    return stamped_filename(f"decision-record-{chart_id or 'chart'}", record["created"], extension)


def stamped_filename(stem: str, created: str, extension: str) -> str:
    """stem-2026-11-21T1430.txt: the time the record was made, never anything typed."""
    if not isinstance(extension, str) or not re.fullmatch(r"[a-z0-9]{1,8}", extension):
        raise InvalidRecord(None, f"{extension!r} is not a file name extension, such as 'txt'.")
    made = datetime.fromisoformat(created)
    return f"{stem}-{made.year:04d}-{made.month:02d}-{made.day:02d}T{made.hour:02d}{made.minute:02d}.{extension}"


def closing_lines(record: Mapping[str, Any]) -> list[str]:
    """The end of a record's text: the local procedures to follow (from the site's settings) and
    the notice that nothing was sent or stored."""
    local = record.get("local") or {}
    lines: list[str] = []
    if local.get("procedures_url"):
        title = local.get("procedures_title")
        where = f"{title}, {local['procedures_url']}" if title else local["procedures_url"]
        lines += ["", f"Follow your local procedures: {where}"]
    return lines + ["", record["notice"]]


def heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def item(label: str, value: str) -> list[str]:
    """One detail: on one line if it fits, otherwise the label and then the value's lines,
    indented so that nothing typed can pass for a heading or another field."""
    if "\n" not in value:
        return [f"{label}{' ' if label.endswith('?') else ': '}{value}"]
    return [f"{label}:"] + [f"  {line}" if line else "" for line in value.split("\n")]


def display_time(created: str) -> str:
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
