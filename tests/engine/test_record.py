"""The decision record: what it holds, its text and JSON forms, the file name, and what it refuses."""

import json

import pytest

from flowchart import (
    DECISIONS,
    RECORD_FIELDS,
    InvalidRecord,
    Journey,
    build_record,
    chart_ids,
    field_descriptions,
    load_chart,
    record_as_json,
    record_as_text,
    record_filename,
)
from flowchart.record import MAX_VALUE_LENGTH, RECORD_NOTICE

from .helpers import all_paths

CREATED = "2026-11-21T14:30:00+00:00"
FIELDS = {field.key: field for field in RECORD_FIELDS}


@pytest.fixture
def chart():
    return load_chart("when-and-how")


@pytest.fixture
def shared(chart):
    """Shared without consent, on a lawful reason: the longest path."""
    return Journey.start(chart).answer("yes").answer("no").answer("yes").answer("yes")


@pytest.fixture
def not_shared(chart):
    return Journey.start(chart).answer("no")


def line_for(label, value):
    return f"{label}{' ' if label.endswith('?') else ': '}{value}"


def full_fields():
    return {
        "rationale": "Bruising seen on two visits; the explanation given did not fit.",
        "what_shared": "Dates of the two visits and what was seen",
        "shared_with": "Duty social worker, Anytown children's services",
        "how_shared": "Phone call, then secure email on 21 November",
        "lawful_basis": "other",
        "recognised_condition": "safeguarding",
        "lawful_basis_other": "Children Act 2004 section 11 duty",
        "special_category_condition": "safeguarding-para-18",
        "criminal_offence_condition": "official-authority",
        "confidentiality_basis": "public-interest",
        "family_told": "not-yet",
        "family_not_told_reason": "Social care asked us to wait while they plan a visit",
        "advice_sought_from": "Designated safeguarding lead",
        "advice_outcome": "Agreed to refer today",
        "notes": "Follow up with social care on Monday",
    }


# What the record holds


def replay(chart, answers):
    journey = Journey.start(chart)
    for _, answer in answers:
        journey = journey.answer(answer)
    return journey


@pytest.mark.parametrize("chart_id", chart_ids())
def test_record_holds_time_chart_every_answer_outcome_and_reasons(chart_id):
    chart = load_chart(chart_id)
    for answers, _ in all_paths(chart):
        journey = replay(chart, answers)
        record = build_record(journey, {}, CREATED)

        assert record["format"] == "share-to-safeguard/decision-record"
        assert record["format_version"] == 2
        assert record["created"] == CREATED
        assert record["chart"] == {"id": chart_id, "title": chart.title, "version": chart.version}
        assert [(a["question_id"], a["answer"]) for a in record["answers"]] == list(answers)
        for given in record["answers"]:
            question = chart.node(given["question_id"])
            assert given["question"] == question.text
            assert given["answer_label"] == question.option(given["answer"]).label
        outcome = journey.outcome
        assert record["outcome"] == {"id": outcome.id, "title": outcome.title, "decision": outcome.decision}
        assert record["outcome"]["decision"] in DECISIONS
        assert len(record["reasons"]) == len(answers)
        for reason, given in zip(record["reasons"], record["answers"], strict=True):
            assert reason == f"{given['question']} — {given['answer_label']}"
        assert record["details"] == {}
        assert record["notice"] == RECORD_NOTICE


def test_answers_remembered_off_the_path_are_not_recorded(chart):
    # The journey remembers answers to questions its path no longer passes through (after an
    # earlier answer is changed); only the path that led to the outcome belongs in the record.
    journey = Journey(chart, (("purpose", "no"), ("consent", "no"), ("identifiable", "yes")))
    assert journey.outcome.id == "no-purpose"
    record = build_record(journey, {}, CREATED)
    assert [(a["question_id"], a["answer"]) for a in record["answers"]] == [("purpose", "no")]
    assert len(record["reasons"]) == 1
    assert "Do you have consent to share?" not in record_as_text(record)


def test_text_names_each_kind_of_decision(chart):
    decisions = {}
    for answers, outcome in all_paths(chart):
        text = record_as_text(build_record(replay(chart, answers), {}, CREATED))
        decisions[outcome.decision] = [line for line in text.splitlines() if line.startswith("Decision: ")]
    assert decisions["share"] == ["Decision: Share"]
    assert decisions["do-not-share"] == ["Decision: Do not share"]
    if "seek-advice" in decisions:
        assert decisions["seek-advice"] == ["Decision: Seek advice"]


def test_record_names_the_chart_title_and_version(shared):
    record = build_record(shared, {}, CREATED)
    assert record["chart"]["title"] == "When and how to share information"
    assert record["chart"]["version"] == shared.chart.version


def test_text_holds_time_chart_every_question_answer_outcome_and_decision(shared, not_shared):
    record = build_record(shared, {}, CREATED)
    text = record_as_text(record)
    assert "Made: 21 November 2026 at 14:30 (UTC)" in text.splitlines()
    assert f"Chart: When and how to share information (version {shared.chart.version})" in text.splitlines()
    for step in shared.path:
        assert f"{step.question.text} — {step.option.label}" in text
    assert "Do you have consent to share? — No" in text
    assert shared.outcome.title in text.splitlines()
    assert "Decision: Share" in text.splitlines()
    assert text.rstrip().endswith(RECORD_NOTICE)

    text = record_as_text(build_record(not_shared, {}, CREATED))
    assert "Decision: Do not share" in text.splitlines()
    assert "1. Is there a clear and legitimate purpose for sharing the information? — No" in text


def test_text_lists_the_reasons_in_order_under_a_heading(shared):
    lines = record_as_text(build_record(shared, {}, CREATED)).splitlines()
    start = lines.index("Reasons: the questions and your answers") + 2
    assert lines[start : start + 4] == [
        f"{number}. {step.question.text} — {step.option.label}" for number, step in enumerate(shared.path, 1)
    ]


def test_text_says_when_no_details_were_added(shared):
    assert "No details were added." in record_as_text(build_record(shared, {}, CREATED))
    text = record_as_text(build_record(shared, {"notes": "x"}, CREATED))
    assert "No details were added." not in text


@pytest.mark.parametrize(
    "created, shown",
    [
        ("2026-11-21T14:30:00+00:00", "21 November 2026 at 14:30 (UTC)"),
        ("2026-11-21T14:30:00.000Z", "21 November 2026 at 14:30 (UTC)"),
        ("2026-06-01T09:05:00+01:00", "1 June 2026 at 09:05 (UTC+01:00)"),
        ("2026-06-01T09:05:00-05:30", "1 June 2026 at 09:05 (UTC-05:30)"),
        ("2026-11-21T14:30", "21 November 2026 at 14:30"),
    ],
)
def test_text_shows_the_time_as_the_caller_gave_it(shared, created, shown):
    record = build_record(shared, {}, created)
    assert record["created"] == created
    assert f"Made: {shown}" in record_as_text(record).splitlines()


# Each field, into the text and the JSON


def _cases():
    for field in RECORD_FIELDS:
        condition = {}
        if field.shown_when:
            other, values = field.shown_when
            condition = {other: values[0]}
        if field.choices:
            for choice in field.choices:
                yield pytest.param(
                    field, {**condition, field.key: choice.value}, choice.label, id=f"{field.key}={choice.value}"
                )
        else:
            value = f"Typed into {field.key} & kept"
            yield pytest.param(field, {**condition, field.key: value}, value, id=field.key)


@pytest.mark.parametrize("field, fields, expected", list(_cases()))
def test_each_field_round_trips_into_text_and_json(shared, field, fields, expected):
    record = build_record(shared, fields, CREATED)
    assert record["details"][field.key] == expected
    assert line_for(field.label, expected) in record_as_text(record).splitlines()
    assert json.loads(record_as_json(record))["details"][field.key] == expected


def test_all_fields_together_keep_the_order_of_the_field_list(shared):
    record = build_record(shared, dict(reversed(full_fields().items())), CREATED)
    assert list(record["details"]) == [field.key for field in RECORD_FIELDS]
    lines = record_as_text(record).splitlines()
    positions = [lines.index(line_for(FIELDS[key].label, value)) for key, value in record["details"].items()]
    assert positions == sorted(positions)


def test_choices_are_recorded_by_their_label(shared):
    record = build_record(shared, {"lawful_basis": "public-task", "family_told": "no"}, CREATED)
    assert record["details"]["lawful_basis"] == "Public task (UK GDPR Article 6(1)(e))"
    assert record["details"]["family_told"] == "No"


def test_json_parses_back_to_the_same_record(shared):
    record = build_record(shared, full_fields(), CREATED)
    text = record_as_json(record)
    assert json.loads(text) == record
    assert '\n  "format"' in text  # indented, for people as well as programs


def test_json_keeps_non_ascii_text_as_it_is(shared):
    record = build_record(shared, {"shared_with": "Zoë Ní Bhriain — health visitor"}, CREATED)
    text = record_as_json(record)
    assert "Zoë Ní Bhriain — health visitor" in text
    assert "\\u" not in text


def test_empty_and_missing_fields_are_left_out(shared):
    record = build_record(
        shared, {"what_shared": "", "shared_with": "   \n ", "lawful_basis": "", "notes": "kept"}, CREATED
    )
    assert record["details"] == {"notes": "kept"}
    assert build_record(shared, None, CREATED)["details"] == {}


def test_values_are_trimmed_and_line_endings_made_plain(shared):
    record = build_record(shared, {"notes": "  first\r\nsecond\rthird  \n"}, CREATED)
    assert record["details"]["notes"] == "first\nsecond\nthird"


def test_a_value_of_exactly_the_maximum_length_is_accepted(shared):
    value = "a" * MAX_VALUE_LENGTH
    assert build_record(shared, {"notes": value}, CREATED)["details"]["notes"] == value


@pytest.mark.parametrize(
    "fields, follow_on",
    [
        ({"lawful_basis": "public-task", "lawful_basis_other": "Something else"}, "lawful_basis_other"),
        ({"lawful_basis_other": "Something else"}, "lawful_basis_other"),
        ({"family_told": "yes", "family_not_told_reason": "A reason"}, "family_not_told_reason"),
        ({"lawful_basis": "public-task", "recognised_condition": "safeguarding"}, "recognised_condition"),
    ],
)
def test_a_follow_on_field_is_kept_even_when_its_question_does_not_call_for_it(shared, fields, follow_on):
    # Nothing typed is dropped: the form shows a follow-on field while it holds anything, and
    # the record keeps whatever was typed, whatever else was chosen.
    record = build_record(shared, fields, CREATED)
    expected = FIELDS[follow_on].choice(fields[follow_on]).label if FIELDS[follow_on].choices else fields[follow_on]
    assert record["details"][follow_on] == expected
    assert line_for(FIELDS[follow_on].label, expected) in record_as_text(record).splitlines()


@pytest.mark.parametrize("told", ["no", "not-yet"])
def test_the_reason_for_not_telling_the_family_is_kept_when_they_were_not_told(shared, told):
    record = build_record(shared, {"family_told": told, "family_not_told_reason": "Risk"}, CREATED)
    assert record["details"]["family_not_told_reason"] == "Risk"


def test_build_record_is_pure(shared):
    fields = full_fields()
    before = dict(fields)
    assert build_record(shared, fields, CREATED) == build_record(shared, fields, CREATED)
    assert fields == before


# Markup and line breaks are plain text


MARKUP = '<script>alert("x")</script> <b>bold</b> &amp; *not emphasis* [link](http://example.org)'


def test_markup_is_kept_as_plain_text(shared):
    record = build_record(shared, {"shared_with": MARKUP}, CREATED)
    assert record["details"]["shared_with"] == MARKUP
    assert line_for(FIELDS["shared_with"].label, MARKUP) in record_as_text(record).splitlines()
    assert "&lt;" not in record_as_text(record)
    assert json.loads(record_as_json(record))["details"]["shared_with"] == MARKUP


def test_line_breaks_are_kept_and_indented_so_they_cannot_pass_for_headings(shared):
    value = "First line\nDetails\n-------\nDecision: Do not share\n\nLast line"
    record = build_record(shared, {"notes": value}, CREATED)
    assert json.loads(record_as_json(record))["details"]["notes"] == value
    lines = record_as_text(record).splitlines()
    start = lines.index("Other notes:")
    assert lines[start + 1 : start + 7] == [
        "  First line",
        "  Details",
        "  -------",
        "  Decision: Do not share",
        "",
        "  Last line",
    ]
    assert lines.count("Details") == 1
    assert "Decision: Do not share" not in lines


# What it refuses


@pytest.mark.parametrize("answers", [(), ("yes",), ("yes", "no"), ("yes", "no", "yes")])
def test_an_unfinished_journey_is_refused(chart, answers):
    journey = Journey.start(chart)
    for answer in answers:
        journey = journey.answer(answer)
    with pytest.raises(InvalidRecord, match="not reached an outcome") as caught:
        build_record(journey, {}, CREATED)
    assert caught.value.field is None


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"colour": "red"}, "colour", "no such field"),
        ({"notes": "ok", "shared with": "x"}, "shared with", "no such field"),
        ({"lawful_basis": "because-i-said-so"}, "lawful_basis", "not one of the choices"),
        ({"lawful_basis": "Public task (Article 6(1)(e))"}, "lawful_basis", "not one of the choices"),
        ({"family_told": "maybe"}, "family_told", "not one of the choices"),
        ({"notes": 42}, "notes", "must be text"),
        ({"shared_with": None}, "shared_with", "must be text"),
        ({"family_told": True}, "family_told", "must be text"),
        ({"what_shared": ["a", "b"]}, "what_shared", "must be text"),
        ({"notes": "a" * (MAX_VALUE_LENGTH + 1)}, "notes", f"most it can hold is {MAX_VALUE_LENGTH}"),
        ({"advice_outcome": "é" * 5000}, "advice_outcome", "5000 characters"),
    ],
)
def test_invalid_fields_are_refused_naming_the_field(shared, fields, field, message):
    with pytest.raises(InvalidRecord, match=message) as caught:
        build_record(shared, fields, CREATED)
    assert caught.value.field == field
    assert repr(field) in str(caught.value)


@pytest.mark.parametrize("fields", [[("notes", "x")], "notes=x", 7])
def test_fields_must_be_a_mapping(shared, fields):
    with pytest.raises(InvalidRecord, match="mapping"):
        build_record(shared, fields, CREATED)


@pytest.mark.parametrize(
    "created",
    [None, 1763735400, "", "yesterday", "21/11/2026 14:30", "2026-11-21", "2026-13-01T10:00", "2" * 41],
)
def test_a_missing_or_malformed_time_is_refused(shared, created):
    with pytest.raises(InvalidRecord) as caught:
        build_record(shared, {}, created)
    assert caught.value.field == "created"
    assert "'created'" in str(caught.value)


def test_the_journey_is_checked_before_the_fields(chart):
    with pytest.raises(InvalidRecord, match="not reached an outcome"):
        build_record(Journey.start(chart), {"colour": "red"}, "nonsense")


# File names


def test_filename_is_made_from_chart_and_time_only(shared):
    fields = full_fields()
    record = build_record(shared, fields, CREATED)
    name = record_filename(record, "txt")
    assert name == "decision-record-when-and-how-2026-11-21T1430.txt"
    assert record_filename(record, "json") == "decision-record-when-and-how-2026-11-21T1430.json"
    for key, value in fields.items():
        assert value.lower() not in name.lower()
        assert record["details"][key].lower() not in name.lower()


def test_filename_uses_the_callers_local_time_without_converting_it(shared):
    record = build_record(shared, {}, "2026-06-01T09:05:59+01:00")
    assert record_filename(record, "txt") == "decision-record-when-and-how-2026-06-01T0905.txt"


@pytest.mark.parametrize("extension", ["", ".txt", "t/xt", "TXT", "toolongextension", None])
def test_filename_refuses_an_odd_extension(shared, extension):
    with pytest.raises(InvalidRecord):
        record_filename(build_record(shared, {}, CREATED), extension)


# The field description the page builds its form from


def test_field_descriptions_are_json_ready_and_match_the_fields():
    described = json.loads(json.dumps(field_descriptions()))
    assert [d["key"] for d in described] == [f.key for f in RECORD_FIELDS]
    for description, field in zip(described, RECORD_FIELDS, strict=True):
        assert description["label"] == field.label and description["hint"] == field.hint
        assert description["kind"] == field.kind
        assert description["max_length"] == MAX_VALUE_LENGTH
        assert [c["value"] for c in description["choices"]] == [c.value for c in field.choices]


def test_field_list_is_well_formed():
    keys = [field.key for field in RECORD_FIELDS]
    assert len(keys) == len(set(keys))
    for field in RECORD_FIELDS:
        assert field.kind in ("text", "choice", "yes-no")
        assert field.label and field.hint
        assert bool(field.choices) == (field.kind != "text"), field.key
        values = [choice.value for choice in field.choices]
        assert len(values) == len(set(values)), field.key
        if field.shown_when:
            other, wanted = field.shown_when
            assert other in keys and keys.index(other) < keys.index(field.key)
            assert set(wanted) <= {choice.value for choice in FIELDS[other].choices}


def test_the_brief_fields_are_all_there():
    assert {
        "what_shared",
        "shared_with",
        "how_shared",
        "lawful_basis",
        "lawful_basis_other",
        "family_told",
        "family_not_told_reason",
        "advice_sought_from",
        "advice_outcome",
        "notes",
    } <= set(FIELDS)
    assert [c.value for c in FIELDS["family_told"].choices] == ["yes", "no", "not-yet"]


def test_lawful_basis_offers_the_seven_article_6_bases_then_part_3_other_and_not_applicable():
    choices = FIELDS["lawful_basis"].choices
    article_6 = [c for c in choices if "Article 6(1)" in c.label]
    assert len(article_6) == 7  # since 5 February 2026 (Data (Use and Access) Act 2025, s70)
    points = sorted(c.label.split("Article 6(1)(")[1].split(")")[0] for c in article_6)
    assert points == ["a", "b", "c", "d", "e", "ea", "f"]
    for basis in (
        "Consent",
        "Contract",
        "Legal obligation",
        "Vital interests",
        "Public task",
        "Legitimate interests",
        "Recognised legitimate interests",
    ):
        assert any(c.label.startswith(basis) for c in article_6), basis
    assert [c.value for c in choices][-3:] == ["law-enforcement", "other", "not-applicable"]
    assert "Part 3" in FIELDS["lawful_basis"].choice("law-enforcement").label


def test_the_recognised_legitimate_interest_conditions_name_their_annex_1_paragraphs():
    labels = {c.value: c.label for c in FIELDS["recognised_condition"].choices}
    assert "Annex 1, paragraph 6" in labels["safeguarding"]
    assert (
        "Annex 1, paragraph 1" in labels["disclosure-response"]
        and "public task disclosure response" in labels["disclosure-response"]
    )
    assert FIELDS["recognised_condition"].shown_when == ("lawful_basis", ("recognised-legitimate-interests",))


def test_the_hint_says_public_authorities_cannot_use_recognised_legitimate_interests():
    hint = FIELDS["lawful_basis"].hint
    assert "cannot use recognised legitimate interests" in hint and "public task" in hint


def test_special_category_criminal_and_confidentiality_fields_keep_their_own_questions():
    para_18 = FIELDS["special_category_condition"].choice("safeguarding-para-18").label
    assert "Schedule 1, paragraph 18" in para_18 and "appropriate policy document" in para_18
    assert "paragraphs 18 and 36" in FIELDS["criminal_offence_condition"].choice("safeguarding-para-18").label
    confidentiality = {c.value for c in FIELDS["confidentiality_basis"].choices}
    assert confidentiality == {"not-confidential", "consent", "public-interest", "legal-requirement"}
    # The public interest is a reason to set aside confidence, never an Article 6 basis.
    assert not any("public interest" in c.label.lower() for c in FIELDS["lawful_basis"].choices)
