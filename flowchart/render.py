"""HTML for the steps of a chart: the one presentation used both at build time and in the browser.

The build renders the first question into the page so it can be read and answered before Python
has started, and renders the whole chart as linked sections for browsers where the engine cannot
run; in the browser the engine renders every later step with these same functions, so the modes
can never drift apart. Content HTML comes from the compiled chart (trusted, rendered from the
repository's Markdown); anything else is escaped here.

Element ids follow one scheme, dom_id(chart, node, piece…) -> "chart--node--piece": ids in charts
and nodes never contain "--", so no two ids can collide.
"""

from collections.abc import Callable, Mapping
from html import escape

from .catalogue import chart_ids, load_chart
from .disclosure import DISCLOSURE_FIELDS
from .fragment import Place, basis_chart_href, record_href
from .journey import Journey
from .model import Chart, Node, Option, Outcome, Part, Question, decision_label
from .record import MAX_VALUE_LENGTH, RECORD_FIELDS, RecordField

# Links in compiled content start with this marker in place of the path to the site's root,
# which only the page showing the chart knows.
SITE_ROOT_MARKER = "~/"


def dom_id(*parts: str) -> str:
    return "--".join(parts)


def with_site_root(html: str, site_root: str) -> str:
    return html.replace(f'href="{SITE_ROOT_MARKER}', f'href="{escape(site_root)}')


def render_step(place: Place | Journey, site_root: str = "", error: str | None = None, linked: bool = False) -> str:
    """The current step of a Place (or a bare Journey): a question form or an outcome.

    `linked` adds Back, Change and Start again (links to fragments) and the record form; the
    first question rendered into the page at build time has none of them."""
    if isinstance(place, Journey):
        place = Place(place)
    node = place.journey.current
    if node.kind == "question":
        return render_question(place, node, site_root, error, linked)
    return render_outcome(place, node, site_root, linked)


def render_question(
    place: Place, question: Question, site_root: str = "", error: str | None = None, linked: bool = False
) -> str:
    journey = place.journey
    chart_id = journey.chart.id
    chosen = journey.answer_to(question.id)
    hint_id, error_id = dom_id(chart_id, question.id, "hint"), dom_id(chart_id, question.id, "error")
    described_by = [hint_id] + ([error_id] if error else [])
    answer_id: Callable[[Option], str] = lambda option: dom_id(chart_id, question.id, "answer", option.answer)  # noqa: E731
    parts = [_back_link(place, linked)]
    parts.append(f'<form class="flowchart-step flowchart-question" data-node="{escape(question.id)}" novalidate>')
    if error:
        parts.append(
            '<div class="flowchart-error-summary" role="alert">'
            '<h2 class="flowchart-error-title">There is a problem</h2>'
            f'<p><a href="#{answer_id(question.options[0])}">{escape(error)}</a></p></div>'
        )
    parts.append(f'<fieldset class="flowchart-fieldset" aria-describedby="{" ".join(described_by)}">')
    parts.append(
        '<legend class="flowchart-legend"><h2 class="flowchart-heading" tabindex="-1">'
        f"{escape(question.text)}</h2></legend>"
    )
    parts.append(f'<div class="flowchart-hint" id="{hint_id}">{with_site_root(question.hint_html, site_root)}</div>')
    if error:
        parts.append(f'<p class="flowchart-error-message" id="{error_id}">{escape(error)}</p>')
    parts.append('<div class="flowchart-options">')
    for option in question.options:
        checked = " checked" if option.answer == chosen else ""
        parts.append(
            '<div class="flowchart-option">'
            f'<input type="radio" id="{answer_id(option)}" name="answer" value="{escape(option.answer)}"{checked}>'
            f'<label for="{answer_id(option)}">{escape(option.label)}</label></div>'
        )
    parts.append("</div></fieldset>")
    parts.append(
        '<details class="flowchart-help"><summary>Help with this question</summary>'
        f"{with_site_root(question.help_html, site_root)}</details>"
    )
    parts.append('<div class="flowchart-actions">')
    parts.append(
        '<button type="submit" class="flowchart-button flowchart-button--primary flowchart-continue">Continue</button>'
    )
    parts.append("</div></form>")
    parts.append(render_answers(place, linked))
    return "".join(parts)


def render_outcome(place: Place, outcome: Outcome, site_root: str = "", linked: bool = False) -> str:
    journey = place.journey
    answers = dict(journey.answers)
    return "".join(
        [
            _back_link(place, linked),
            f'<section class="flowchart-step flowchart-outcome" data-node="{escape(outcome.id)}" '
            f'data-decision="{escape(outcome.decision)}">',
            f'<p class="flowchart-decision">Decision: <strong>{escape(decision_label(outcome.decision))}</strong></p>',
            f'<h2 class="flowchart-heading" tabindex="-1">{escape(outcome.title)}</h2>',
            render_reasons(journey),
            with_site_root(outcome.body_html, site_root),
            "".join(_part(part, journey.chart, site_root, conditions=False) for part in outcome.parts_for(answers)),
            _record_link(place, site_root) if linked else "",
            "</section>",
            render_answers(place, linked),
            render_record_form(place, site_root) if linked else "",
        ]
    )


def _part(part: Part, chart: Chart, site_root: str, conditions: bool) -> str:
    """One conditional part of an outcome. On the static chart, where the path is not known, each
    part says which answers it is for."""
    when = ""
    if conditions:
        terms = []
        for question_id, answers in part.when:
            question = chart.node(question_id)
            # The build's chart checks (sitebuild/chart_checks.py) let a part name only questions.
            assert question.kind == "question"
            labels = " or ".join(f"“{_option_label(question, a)}”" for a in answers)
            terms.append(f"{escape(question.text)} {escape(labels)}")
        when = f'<p class="flowchart-part-when">If you answered: {"; and ".join(terms)}</p>'
    return (
        f'<section class="flowchart-part"><h3>{escape(part.title)}</h3>{when}'
        f"{with_site_root(part.body_html, site_root)}</section>"
    )


def _option_label(question: Question, answer: str) -> str:
    option = question.option(answer)
    # The build's chart checks let a part name only answers its question offers.
    assert option is not None
    return option.label


def _record_link(place: Place, site_root: str) -> str:
    """From an outcome that names decision-record fields (a lawful-basis outcome): carry them
    into the record of the chart they are for, back where the person came from if they did."""
    journey = place.journey
    if not journey.chart.carries_record_to:
        return ""
    outcome = journey.outcome
    assert outcome is not None, "shown only with an outcome"
    if not outcome.record_for(dict(journey.answers)):
        return ""
    target = load_chart(journey.chart.carries_record_to)
    if place.back_to:
        action = f"Back to your decision record ({escape(target.title)}), with these filled in"
        note = "Your answers to that flowchart are kept."
    else:
        action = f"Start a decision record with these filled in ({escape(target.title)})"
        note = "Answer its questions; the record at the end has these filled in, for you to check and change."
    return (
        '<div class="flowchart-carry">'
        f'<p><a class="flowchart-button flowchart-carry-link" href="{escape(record_href(place, site_root))}">{action}</a></p>'
        f"<p>{note} Nothing is sent or stored.</p></div>"
    )


def render_reasons(journey: Journey) -> str:
    """Why this outcome, in plain words: the answers that led here."""
    if not journey.path:
        return ""
    items = "".join(
        f"<li>{escape(step.question.text)} <strong>{escape(step.option.label)}</strong></li>" for step in journey.path
    )
    return f'<h3 class="flowchart-reasons-title">Why</h3><p>This is the outcome because you answered:</p><ul class="flowchart-reasons">{items}</ul>'


def render_answers(place: Place, linked: bool = False) -> str:
    """'Your answers': each question on the path with its answer and a Change link, then Start again."""
    journey = place.journey
    if not journey.path or not linked:
        return ""
    rows = []
    for step in journey.path:
        change = place.moved(journey.change(step.question.id))
        rows.append(
            f'<div class="flowchart-answer"><dt>{escape(step.question.text)}</dt>'
            f"<dd>{escape(step.option.label)}</dd>"
            f'<dd class="flowchart-change"><a href="{escape(change.href)}">Change'
            f'<span class="flowchart-visually-hidden"> your answer to: {escape(step.question.text)}</span></a></dd></div>'
        )
    return (
        '<div class="flowchart-summary"><h3 class="flowchart-answers-title">Your answers</h3>'
        f'<dl class="flowchart-answers">{"".join(rows)}</dl>'
        f'<p><a class="flowchart-restart" href="{escape(place.moved(journey.restart()).href)}">Start again</a></p></div>'
    )


def _back_link(place: Place, linked: bool) -> str:
    if not place.journey.path or not linked:
        return ""
    return f'<a class="flowchart-back" href="{escape(place.moved(place.journey.back()).href)}">Back</a>'


def render_static_chart(chart: Chart, site_root: str = "") -> str:
    """The whole chart as linked sections, one per node, for browsers where the engine cannot
    run (no JavaScript, no WebAssembly, or Pyodide failing to load). Each answer is a link to
    the next section; the page's CSS shows only the section the address points to."""
    sections = []
    start = f"#{static_anchor(chart, chart.start)}"
    for node in _in_start_order(chart):
        anchor = static_anchor(chart, node.id)
        if node.kind == "question":
            options = "".join(
                f'<li><a href="#{static_anchor(chart, option.next)}" data-answer="{escape(option.answer)}">'
                f"{escape(option.label)}</a></li>"
                for option in node.options
            )
            body = (
                f'<h2 class="flowchart-heading">{escape(node.text)}</h2>'
                f'<div class="flowchart-hint">{with_site_root(node.hint_html, site_root)}</div>'
                f'<ul class="flowchart-static-options" aria-label="Answers">{options}</ul>'
                '<details class="flowchart-help"><summary>Help with this question</summary>'
                f"{with_site_root(node.help_html, site_root)}</details>"
            )
        else:
            body = (
                f'<p class="flowchart-decision">Decision: <strong>{escape(decision_label(node.decision))}</strong></p>'
                f'<h2 class="flowchart-heading">{escape(node.title)}</h2>'
                f"{with_site_root(node.body_html, site_root)}"
                + "".join(_part(part, chart, site_root, conditions=True) for part in node.parts)
                + '<p class="flowchart-static-note">Making a decision record needs JavaScript. '
                "Record your decision and reasons in your organisation's case record.</p>"
            )
        restart = (
            "" if node.id == chart.start else f'<p><a class="flowchart-restart" href="{start}">Start again</a></p>'
        )
        extra = f' data-decision="{escape(node.decision)}"' if node.kind == "outcome" else ""
        sections.append(
            f'<section class="flowchart-static-step" id="{anchor}" data-node="{escape(node.id)}"{extra}>{body}{restart}</section>'
        )
    return f'<div class="flowchart-static">{"".join(sections)}</div>'


def static_anchor(chart: Chart, node_id: str) -> str:
    return dom_id(chart.id, node_id, "step")


def _in_start_order(chart: Chart) -> list[Node]:
    """Nodes with the start node first (the static chart shows the first section by default)."""
    start = chart.nodes[chart.start]
    return [start] + [node for node in chart.nodes.values() if node is not start]


# The buttons under a record form (a decision record or a disclosure record); the page acts on
# data-record (docs/javascripts/flowchart.mjs).
RECORD_ACTIONS = (
    '<div class="flowchart-actions">'
    '<button type="button" class="flowchart-button" data-record="print">Print the record</button>'
    '<button type="button" class="flowchart-button" data-record="copy">Copy as text</button>'
    '<button type="button" class="flowchart-button" data-record="text">Download as text</button>'
    '<button type="button" class="flowchart-button" data-record="json">Download as JSON</button>'
    "</div>"
)


def render_record_form(place: Place, site_root: str = "") -> str:
    """The optional decision-record form shown with an outcome. Its fields come from
    record.RECORD_FIELDS (less those about what was shared, for an outcome that shares nothing);
    fields carried in from another chart (place.prefill) start filled in. The engine builds the
    record itself when asked (web.record)."""
    journey = place.journey
    chart_id = journey.chart.id
    prefill = dict(place.prefill)
    outcome = journey.outcome
    assert outcome is not None, "shown only with an outcome"
    sharing = outcome.asks_what_was_shared
    fields = [_record_field(field, chart_id, prefill) for field in RECORD_FIELDS if sharing or not field.sharing_only]
    title_id = dom_id(chart_id, "record", "title")
    return (
        f'<section class="flowchart-record" aria-labelledby="{title_id}">'
        f'<h3 id="{title_id}">Record your decision</h3>'
        "<p>Golden rule 7: record your decision and your reasons, whether or not you share. "
        "Fill in what helps (every field is optional), then print, copy or download the record "
        "and keep it in your organisation's case record system.</p>"
        '<p class="flowchart-privacy-note"><strong>Nothing you type here is sent anywhere or stored.</strong> '
        "It stays in this page and is gone when you close it.</p>"
        + f'<p class="flowchart-disclosure-note">Did a child tell you something? Keep their own words in '
        f'<a href="{escape(site_root)}guidance/disclosure-record/">a record of what a child told you</a>.</p>'
        '<details class="flowchart-record-details"><summary>Fill in the decision record</summary>'
        + _prefill_note(prefill)
        + _basis_charts_note(place, site_root)
        + f'<form class="flowchart-record-form" novalidate>{"".join(fields)}'
        f"{RECORD_ACTIONS}</form></details>"
        f'<p class="flowchart-record-status" role="status" aria-live="polite" id="{dom_id(chart_id, "record", "status")}"></p>'
        '<pre class="flowchart-record-text" hidden></pre>'
        "</section>"
    )


def render_disclosure_form() -> str:
    """The form for recording what a child told a practitioner (disclosure.DISCLOSURE_FIELDS).
    Rendered at build time into its page; the engine makes the record when asked
    (web.disclosure_record). Without the engine the form can still be printed and filled in by hand."""
    fields = "".join(_record_field(field, "disclosure", {}) for field in DISCLOSURE_FIELDS)
    return (
        '<p class="flowchart-privacy-note"><strong>Nothing you type here is sent anywhere or stored.</strong> '
        "It stays in this page and is gone when you close it.</p>"
        f'<form class="flowchart-record-form disclosure-record-form" novalidate>{fields}'
        f"{RECORD_ACTIONS}</form>"
        f'<p class="flowchart-record-status" role="status" aria-live="polite" id="{dom_id("disclosure", "record", "status")}"></p>'
        '<pre class="flowchart-record-text" hidden></pre>'
    )


def _prefill_note(prefill: Mapping[str, str]) -> str:
    if not prefill:
        return ""
    return (
        '<p class="flowchart-prefill-note">The lawful bases below were filled in from the lawful-basis '
        "flowchart. Check them against your situation, and change them if they do not fit.</p>"
    )


def _basis_charts_note(place: Place, site_root: str) -> str:
    """Links to the charts that work out fields of this record (the lawful-basis chart)."""
    links = []
    for chart_id in chart_ids():
        other = load_chart(chart_id)
        if other.carries_record_to == place.journey.chart.id:
            links.append(
                f'<a class="flowchart-basis-link" href="{escape(basis_chart_href(other, place, site_root))}">'
                f"{escape(other.title)}</a>"
            )
    if not links:
        return ""
    return (
        f'<p class="flowchart-basis-note">Not sure which lawful basis to record? Answer a few questions in '
        f"{' or '.join(links)}: it brings you back here with them filled in.</p>"
    )


def _record_field(field: RecordField, chart_id: str, prefill: Mapping[str, str]) -> str:
    field_id = dom_id(chart_id, "record", field.key)
    hint_id = dom_id(field_id, "hint")
    hint = f'<div class="flowchart-hint" id="{hint_id}">{escape(field.hint)}</div>' if field.hint else ""
    described = f' aria-describedby="{hint_id}"' if field.hint else ""
    condition = (
        f' data-shown-when="{escape(field.shown_when[0])}" data-shown-for="{escape(" ".join(field.shown_when[1]))}"'
        if field.shown_when
        else ""
    )
    if field.kind == "yes-no":
        radios = "".join(
            '<div class="flowchart-option">'
            f'<input type="radio" id="{dom_id(field_id, c.value)}" name="{field.key}" value="{escape(c.value)}">'
            f'<label for="{dom_id(field_id, c.value)}">{escape(c.label)}</label></div>'
            for c in field.choices
        )
        return (
            f'<fieldset class="flowchart-field"{described}{condition}><legend>{escape(field.label)}</legend>{hint}'
            f'<div class="flowchart-options flowchart-options--inline">{radios}</div></fieldset>'
        )
    label = f'<label for="{field_id}">{escape(field.label)}</label>'
    if field.kind == "choice":
        chosen = prefill.get(field.key)
        options = '<option value="">Choose one</option>' + "".join(
            f'<option value="{escape(c.value)}"{" selected" if c.value == chosen else ""}>{escape(c.label)}</option>'
            for c in field.choices
        )
        control = f'<select id="{field_id}" name="{field.key}"{described}>{options}</select>'
    elif field.multiline:
        control = f'<textarea id="{field_id}" name="{field.key}" rows="3" maxlength="{MAX_VALUE_LENGTH}"{described}></textarea>'
    else:
        control = f'<input type="text" id="{field_id}" name="{field.key}" maxlength="{MAX_VALUE_LENGTH}"{described}>'
    return f'<div class="flowchart-field"{condition}>{label}{hint}{control}</div>'
