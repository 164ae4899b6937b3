"""The record of what a child told a practitioner: every typed value reaches the text and the
JSON exactly as typed (markup, long text, line breaks), nothing else is added, and what cannot be
used is refused with the field named."""

import json
import re

import pytest

from flowchart import InvalidRecord, web
from flowchart.disclosure import (
    DISCLOSURE_FIELDS,
    DISCLOSURE_FORMAT,
    build_disclosure_record,
    disclosure_as_text,
    disclosure_filename,
)
from flowchart.record import MAX_VALUE_LENGTH, record_as_json
from flowchart.render import dom_id, render_disclosure_form

CREATED = "2026-12-01T10:15:00+00:00"
# What a practitioner might type: markup that must stay text, a child's words with their own
# spelling and swearing, several lines, and the longest value a field holds.
AWKWARD = {
    "child": "<b>Sam</b> & \"Alex\" 'Smith' </textarea><script>alert(1)</script>",
    "who_told": "Her friend Jo (Year 8), who was with her",
    "when_told": "Tues 1/12 about 10.15, after PE",
    "where_and_how": 'In the corridor.\nI asked: "Are you OK?"\nThey said it without being asked after that.',
    "their_words": "my dads mate dont let me go home til he says\n\nhe said if i tell he'll **kill** me [link](https://x.example) {{ 7*7 }}",
    "noticed": "Bruise on left wrist, about 2cm.\n  Indented line kept\nOpinion (mine): scared.",
    "present": "No one else",
    "you_said_and_did": "Said I could not keep it secret and would tell Ms Patel (DSL) today.",
    "passed_to": "Ms Patel, DSL, in person at 10:40.\nThen children's social care by phone at 11:05.",
    "recorded_by": "J. Jones, teaching assistant",
}
LONG = "x" * (MAX_VALUE_LENGTH - 3) + "end"


def test_every_field_of_the_protocol_is_asked_for():
    labels = " ".join(field.label.lower() for field in DISCLOSURE_FIELDS)
    for word in ("who told you", "when", "own words", "who else was there", "what you said and did", "passed it to"):
        assert word in labels, word
    assert {field.key for field in DISCLOSURE_FIELDS} == set(AWKWARD)


@pytest.mark.parametrize("key", list(AWKWARD))
def test_each_typed_value_reaches_the_json_and_the_text_unchanged(key):
    record = build_disclosure_record(AWKWARD, CREATED)
    assert json.loads(record_as_json(record))["details"][key] == AWKWARD[key].strip()
    text = disclosure_as_text(record)
    # In the text each line of a value appears whole, after its label; a value of several lines
    # is indented under it.
    label = next(field.label for field in DISCLOSURE_FIELDS if field.key == key)
    value = AWKWARD[key].strip()
    if "\n" in value:
        expected = f"{label}:\n" + "\n".join(f"  {line}" if line else "" for line in value.split("\n"))
    else:
        expected = f"{label}: {value}"
    assert expected in text


def test_the_longest_value_is_kept_whole():
    record = build_disclosure_record({"their_words": LONG}, CREATED)
    assert record["details"]["their_words"] == LONG
    assert LONG in disclosure_as_text(record)


def test_windows_line_breaks_become_plain_ones_and_nothing_else_changes():
    record = build_disclosure_record({"their_words": "line one\r\nline two\rline three"}, CREATED)
    assert record["details"]["their_words"] == "line one\nline two\nline three"


def test_the_record_says_what_it_is_and_when_it_was_made_and_holds_nothing_untyped():
    record = build_disclosure_record({"present": "No one else"}, CREATED)
    assert record["format"] == DISCLOSURE_FORMAT and record["created"] == CREATED
    assert record["details"] == {"present": "No one else"}
    text = disclosure_as_text(record)
    assert text.startswith("Record of what a child told me\n")
    assert "1 December 2026 at 10:15 (UTC)" in text
    assert "Nothing was sent or stored" in text
    assert "Nothing was filled in" in disclosure_as_text(build_disclosure_record({}, CREATED))


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"their_words": "x" * (MAX_VALUE_LENGTH + 1)}, "their_words"),
        ({"rationale": "a decision-record field"}, "rationale"),
        ({"child": 7}, "child"),
    ],
    ids=["too-long", "unknown-field", "not-text"],
)
def test_what_cannot_be_used_is_refused_naming_the_field(fields, field):
    with pytest.raises(InvalidRecord) as raised:
        build_disclosure_record(fields, CREATED)
    assert raised.value.field == field


def test_the_file_name_holds_the_time_and_never_anything_typed():
    record = build_disclosure_record(AWKWARD, CREATED)
    assert disclosure_filename(record, "txt") == "disclosure-record-2026-12-01T1015.txt"
    assert disclosure_filename(record, "json") == "disclosure-record-2026-12-01T1015.json"


def test_the_page_interface_returns_the_text_json_and_file_names():
    reply = json.loads(web.disclosure_record(json.dumps(AWKWARD), CREATED))
    assert reply["error"] is None
    assert json.loads(reply["json"])["details"] == {key: value.strip() for key, value in AWKWARD.items()}
    assert reply["text"] == disclosure_as_text(json.loads(reply["json"]))
    assert reply["files"] == {
        "text": "disclosure-record-2026-12-01T1015.txt",
        "json": "disclosure-record-2026-12-01T1015.json",
    }
    problem = json.loads(web.disclosure_record(json.dumps({"their_words": LONG + "!"}), CREATED))
    assert problem["field"] == "their_words" and "4000" in problem["error"]
    assert json.loads(web.disclosure_record("not json", CREATED))["error"] == "The record form could not be read."


def test_the_form_has_a_labelled_control_for_every_field_and_no_other():
    html = render_disclosure_form()
    names = re.findall(r'name="([a-z_]+)"', html)
    assert names == [field.key for field in DISCLOSURE_FIELDS]
    for field in DISCLOSURE_FIELDS:
        control_id = dom_id("disclosure", "record", field.key)
        assert f'<label for="{control_id}">{field.label}</label>' in html
        assert f'id="{control_id}" name="{field.key}"' in html
