"""What each chart's questions and outcomes say, node by node: the legal content is reviewed as
carefully as the routing. A chart that steers someone away from sharing when a child may be at
risk is the worst defect this project can have, so these tests pin the words that prevent it."""

import re
from html import unescape

import pytest

from flowchart import chart_ids, load_chart

from .helpers import all_paths


def text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def outcome_text(chart, outcome_id, answers=None):
    outcome = chart.node(outcome_id)
    parts = outcome.parts_for(answers) if answers is not None else outcome.parts
    return text(outcome.body_html + " ".join(p.title + " " + p.body_html for p in parts))


@pytest.mark.parametrize("chart_id", chart_ids())
def test_every_question_lets_the_person_say_they_are_not_sure(chart_id):
    for question in load_chart(chart_id).questions:
        assert "not-sure" in question.answers, question.id


@pytest.mark.parametrize("chart_id", chart_ids())
def test_no_content_presents_the_public_interest_as_a_lawful_basis(chart_id):
    # Public interest is the test for setting aside a duty of confidence, not a UK GDPR basis.
    chart = load_chart(chart_id)
    for node in chart.nodes.values():
        words = text(getattr(node, "hint_html", "") + getattr(node, "help_html", "") + getattr(node, "body_html", ""))
        words += " ".join(text(p.body_html) for p in getattr(node, "parts", ()))
        assert not re.search(r"public interest[^.]{0,80}\b(is|as) (usually )?a lawful (reason|basis)", words, re.I), (
            node.id
        )
        assert "six lawful bases" not in words.lower(), node.id


# when-and-how: the seed's questions and routing, the 2024 advice's words


def test_doubt_about_consent_or_identity_never_stops_the_when_and_how_chart_short_of_a_lawful_reason():
    chart = load_chart("when-and-how")
    assert chart.node("consent").option("not-sure").next == chart.node("consent").option("no").next
    assert chart.node("identifiable").option("not-sure").next == chart.node("identifiable").option("yes").next


def test_the_do_not_share_yet_record_still_asks_what_was_shared():
    # Its text tells a worried person to refer without waiting, so the record must have room for it.
    chart = load_chart("when-and-how")
    assert chart.node("no-lawful-reason").asks_what_was_shared
    assert not chart.node("no-purpose").asks_what_was_shared


def test_the_lawful_reason_question_explains_both_layers():
    question = load_chart("when-and-how").node("lawful-reason")
    hint, help_ = text(question.hint_html), text(question.help_html)
    assert "public task" in hint and "recognised legitimate interests" in hint
    assert "given in confidence" in hint and "public interest" in hint
    for phrase in (
        "seven lawful bases",
        "legal obligation",
        "vital interests",
        "since 5 February 2026",
        "Public authorities cannot use it for their tasks",
        "Schedule 1, paragraph 18",
        "appropriate policy document",
        "it is not a lawful basis under data protection law",
    ):
        assert phrase in help_, phrase
    assert 'href="~/flowchart/lawful-basis/"' in question.help_html


def test_the_consent_question_says_why_it_is_second_and_that_consent_is_not_the_default():
    question = load_chart("when-and-how").node("consent")
    help_ = text(question.help_html)
    assert "comes second because it did in the 2018 advice" in help_
    assert "consent is not the default basis" in help_
    assert "perceived risk of harm" in help_
    assert 'Answer "No" if you have not asked' in text(question.hint_html)


def test_do_not_share_yet_tells_a_worried_person_what_to_do_now():
    chart = load_chart("when-and-how")
    outcome = chart.node("no-lawful-reason")
    assert outcome.decision == "do-not-share"
    assert outcome.title != "Do not share yet" and "advice" in outcome.title
    body = text(outcome.body_html)
    for phrase in (
        "If you are worried that a child may be at risk of harm, act today",
        "contact children's social care without waiting",
        "call 999",
        "you do not need consent to share where a child is at risk",
    ):
        assert phrase in body, phrase
    assert 'href="~/flowchart/lawful-basis/"' in outcome.body_html


# Family help or safeguarding: a concern about harm always has a route to sharing


def test_no_route_through_family_help_or_safeguarding_ends_in_do_not_share():
    chart = load_chart("early-help-or-safeguarding")
    assert {outcome.decision for _, outcome in all_paths(chart)} <= {"share", "seek-advice", "talk-first"}


def test_any_risk_of_harm_below_significant_harm_leads_to_sharing_without_agreement():
    chart = load_chart("early-help-or-safeguarding")
    outcomes = {tuple(answers): outcome for answers, outcome in all_paths(chart)}
    outcome = outcomes[(("significant-harm", "no"), ("risk-of-harm", "yes"))]
    assert outcome.decision == "share"
    body = text(outcome.body_html)
    assert "you do not need the family's consent to share information to protect them (golden rule 3)" in body
    assert "ask the children's social care front door for a consultation" in body
    assert "perceived risk of harm" in text(chart.node("risk-of-harm").help_html)


def test_agreement_to_family_help_is_kept_apart_from_the_basis_for_sharing():
    chart = load_chart("early-help-or-safeguarding")
    assert "not the same as consent as a lawful basis" in text(chart.node("family-help-agreed").help_html)
    assert "It is not your lawful basis for sharing" in text(chart.node("family-help-share").body_html)
    refused = text(chart.node("family-help-refused").body_html)
    assert "Saying no to a service does not stop you sharing" in refused
    assert "If you become worried about harm to the child, share" in refused
    assert "you do not need their agreement to share" in text(chart.node("family-help-talk-first").body_html)


def test_telling_the_parents_is_weighed_against_any_risk_and_any_investigation():
    chart = load_chart("early-help-or-safeguarding")
    question = chart.node("telling-parents-risk").text
    assert "at greater risk" in question and "police investigation" in question
    tell = text(chart.node("safeguarding-tell-parents").body_html)
    assert "call 999" in tell and "who tells them and when" in tell


def test_unsure_whether_telling_the_parents_is_safe_still_shares_now():
    chart = load_chart("early-help-or-safeguarding")
    question = chart.node("telling-parents-risk")
    outcome = chart.node(question.option("not-sure").next)
    assert outcome.decision == "share"
    assert "ask children's social care whether, when and by whom they should be told" in text(outcome.body_html)


def test_the_get_advice_outcome_gives_the_designated_safeguarding_lead_their_own_next_step():
    body = text(load_chart("early-help-or-safeguarding").node("discuss-now").body_html)
    assert "If you are the designated safeguarding lead" in body
    assert "ask for a consultation" in body


def test_family_help_is_named_as_working_together_2026_uses_it():
    chart = load_chart("early-help-or-safeguarding")
    assert chart.title == "Family help or safeguarding?"
    assert "Working Together to Safeguard Children 2026" in chart.source


# lawful-basis: every part cites what it rests on

CITATIONS = {
    "Lawful basis: public task": [
        "Article 6(1)(e)",
        "cannot use recognised legitimate interests or legitimate interests",
    ],
    "If a public authority asked you": ["section 47(9) to (11)", "check the current list"],
    "Lawful basis: legal obligation": ["Article 6(1)(c)"],
    "Lawful basis: recognised legitimate interests, safeguarding condition": [
        "Article 6(1)(ea)",
        "Annex 1, paragraph 6",
        "section 70",
        "under 18",
    ],
    "Lawful basis: recognised legitimate interests, public task disclosure response": [
        "Article 6(1)(ea)",
        "Annex 1, paragraph 1",
        "legal obligation instead",
        "section 70",
    ],
    "Health or other special category information: a condition as well": [
        "Article 9(2)(g)",
        "Schedule 1, paragraph 18",
        "without consent",
        "appropriate policy document",
        "do not let that delay sharing to protect a child",
    ],
    "If the person refused": ["Schedule 1, paragraph 6", "ask your data protection officer"],
    "Health or other special category information: when the person agreed": [
        "Article 9(2)(a)",
        "does not fit",
        "Each person's information needs their own agreement",
        "Article 9(2)(h)",
    ],
    "You have not asked them yet": ["golden rule 2", "does not depend on their agreement", "share"],
    "Crimes or allegations: public bodies": ["Article 10", "usually be used under official authority"],
    "Crimes or allegations: other organisations": [
        "section 10(5)",
        "paragraph 18",
        "paragraph 36",
        "paragraph 10",
        "appropriate policy document",
    ],
    "Confidentiality: the public interest": [
        "public interest",
        "where a child may be at risk of harm it usually will",
        "it is not a lawful basis under data protection law",
    ],
    "Confidentiality: the person's consent": ["consent"],
    "Confidentiality: a legal requirement": ["law or a court order"],
    "Confidentiality: not engaged": ["not given in confidence"],
}


def test_every_part_of_the_lawful_basis_answer_cites_its_sources():
    parts = {part.title: text(part.body_html) for part in load_chart("lawful-basis").node("bases").parts}
    assert set(parts) == set(CITATIONS)
    for title, phrases in CITATIONS.items():
        for phrase in phrases:
            assert phrase in parts[title], (title, phrase)


@pytest.mark.parametrize(
    "outcome_id, phrases",
    [
        (
            "emergency",
            [
                "call 999",
                "Article 6(1)(e)",
                "Article 6(1)(ea)",
                "Article 6(1)(d)",
                "Article 9(2)(c)",
                "Schedule 1, paragraph 18",
                "paragraph 10",
                "public interest",
                "Data sharing code of practice",
            ],
        ),
        (
            "police",
            [
                "Part 3",
                "section 35",
                "Schedule 8",
                "paragraph 4",
                "section 42",
                "common law power",
                "section 49A",
                "public task",
                "this chart fills in nothing",
            ],
        ),
        (
            "organisation-unsure",
            [
                "call 999",
                "Article 6(1)(e)",
                "Annex 1, paragraph 6",
                "Annex 1, paragraph 1",
                "data protection officer",
                "contact children's social care now",
            ],
        ),
    ],
)
def test_the_other_lawful_basis_outcomes_cite_their_sources(outcome_id, phrases):
    body = outcome_text(load_chart("lawful-basis"), outcome_id)
    for phrase in phrases:
        assert phrase in body, phrase


def test_every_answer_of_the_lawful_basis_chart_names_an_article_6_basis_except_for_the_police():
    chart = load_chart("lawful-basis")
    for answers, outcome in all_paths(chart):
        if outcome.id not in ("organisation-unsure", "police"):
            assert "lawful_basis" in outcome.record_for(dict(answers)), answers


def test_vital_interests_is_never_recorded_and_emergencies_still_share():
    # The ICO limits vital interests to life and death, and to where no other basis fits; every
    # organisation this chart knows has another basis, which it records, naming vital interests.
    chart = load_chart("lawful-basis")
    for answers, outcome in all_paths(chart):
        assert outcome.record_for(dict(answers)).get("lawful_basis") != "vital-interests"
        if dict(answers).get("life-at-risk") in ("yes", "not-sure"):
            assert outcome.id == "emergency" and outcome.decision == "share"


def test_paragraph_18_is_recorded_only_when_sharing_without_consent():
    chart = load_chart("lawful-basis")
    for answers, outcome in all_paths(chart):
        given = dict(answers)
        if outcome.record_for(given).get("special_category_condition") == "safeguarding-para-18":
            assert given["agreement"] in ("unsafe", "refused", "not-sure"), answers


def test_public_authorities_are_never_given_recognised_legitimate_interests():
    chart = load_chart("lawful-basis")
    for answers, outcome in all_paths(chart):
        if dict(answers).get("organisation") in ("council", "nhs", "gp", "state-school", "other-public"):
            assert outcome.record_for(dict(answers)).get("lawful_basis") in ("public-task", "legal-obligation")
