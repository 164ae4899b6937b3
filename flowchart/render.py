"""HTML for the steps of a chart: the one presentation used both at build time and in the browser.

The build renders the first question into the page so it can be read and answered before Python
has started, and renders the whole chart as linked sections for browsers where the engine cannot
run; in the browser the engine renders every later step with these same functions, so the modes
can never drift apart. Content HTML comes from the compiled chart (trusted, rendered from the
repository's Markdown); anything else is escaped here.
"""

from html import escape

from .record import MAX_VALUE_LENGTH, RECORD_FIELDS
from .validate import DECISION_LABELS

# Links in compiled content start with this marker in place of the path to the site's root,
# which only the page showing the chart knows.
SITE_ROOT_MARKER = "~/"


def with_site_root(html, site_root):
    return html.replace(f'href="{SITE_ROOT_MARKER}', f'href="{escape(site_root)}')


def render_step(journey, site_root="", error=None, link=None):
    """The current step of `journey` (a question form or an outcome), as an HTML fragment.

    `link(journey)` gives the href that restores a journey (for Back, Change and Start again);
    without it those links are left out, as in the first question rendered at build time."""
    node = journey.current
    if node.kind == "question":
        return render_question(journey, node, site_root, error, link)
    return render_outcome(journey, node, site_root, link)


def render_question(journey, question, site_root="", error=None, link=None):
    prefix = f"{journey.chart.id}-{question.id}"
    chosen = journey.answer_to(question.id)
    described_by = [f"{prefix}-hint"] + ([f"{prefix}-error"] if error else [])
    parts = [_back_link(journey, link)]
    parts.append(f'<form class="flowchart-step flowchart-question" data-node="{escape(question.id)}" novalidate>')
    if error:
        parts.append(
            '<div class="flowchart-error-summary" role="alert">'
            '<h2 class="flowchart-error-title">There is a problem</h2>'
            f'<p><a href="#{prefix}-{escape(question.options[0].answer)}">{escape(error)}</a></p></div>'
        )
    parts.append(f'<fieldset class="flowchart-fieldset" aria-describedby="{" ".join(described_by)}">')
    parts.append(
        '<legend class="flowchart-legend"><h2 class="flowchart-heading" tabindex="-1">'
        f"{escape(question.text)}</h2></legend>"
    )
    parts.append(f'<div class="flowchart-hint" id="{prefix}-hint">{with_site_root(question.hint_html, site_root)}</div>')
    if error:
        parts.append(f'<p class="flowchart-error-message" id="{prefix}-error">{escape(error)}</p>')
    parts.append('<div class="flowchart-options">')
    for option in question.options:
        option_id = f"{prefix}-{option.answer}"
        checked = " checked" if option.answer == chosen else ""
        parts.append(
            '<div class="flowchart-option">'
            f'<input type="radio" id="{option_id}" name="answer" value="{escape(option.answer)}"{checked}>'
            f'<label for="{option_id}">{escape(option.label)}</label></div>'
        )
    parts.append("</div></fieldset>")
    parts.append(
        '<details class="flowchart-help"><summary>Help with this question</summary>'
        f"{with_site_root(question.help_html, site_root)}</details>"
    )
    parts.append('<div class="flowchart-actions">')
    parts.append('<button type="submit" class="md-button md-button--primary flowchart-continue">Continue</button>')
    parts.append("</div></form>")
    parts.append(render_answers(journey, link))
    return "".join(parts)


def render_outcome(journey, outcome, site_root="", link=None):
    decision = DECISION_LABELS.get(outcome.decision, outcome.decision)
    return "".join(
        [
            _back_link(journey, link),
            f'<section class="flowchart-step flowchart-outcome" data-node="{escape(outcome.id)}" '
            f'data-decision="{escape(outcome.decision)}">',
            f'<p class="flowchart-decision">Decision: <strong>{escape(decision)}</strong></p>',
            f'<h2 class="flowchart-heading" tabindex="-1">{escape(outcome.title)}</h2>',
            render_reasons(journey),
            with_site_root(outcome.body_html, site_root),
            "</section>",
            render_answers(journey, link),
            render_record_form(journey) if link is not None else "",
        ]
    )


def render_reasons(journey):
    """Why this outcome, in plain words: the answers that led here."""
    if not journey.path:
        return ""
    items = "".join(
        f"<li>{escape(step.question.text)} <strong>{escape(step.option.label)}</strong></li>"
        for step in journey.path
    )
    return f'<h3 class="flowchart-reasons-title">Why</h3><p>This is the outcome because you answered:</p><ul class="flowchart-reasons">{items}</ul>'


def render_answers(journey, link=None):
    """'Your answers': each question on the path with its answer and a Change link, then Start again."""
    if not journey.path or link is None:
        return ""
    rows = []
    for step in journey.path:
        change = journey.change(step.question.id)
        rows.append(
            f'<div class="flowchart-answer"><dt>{escape(step.question.text)}</dt>'
            f"<dd>{escape(step.option.label)}</dd>"
            f'<dd class="flowchart-change"><a href="{escape(link(change))}">Change'
            f'<span class="flowchart-visually-hidden"> your answer to: {escape(step.question.text)}</span></a></dd></div>'
        )
    return (
        '<div class="flowchart-summary"><h3 class="flowchart-answers-title">Your answers</h3>'
        f'<dl class="flowchart-answers">{"".join(rows)}</dl>'
        f'<p><a class="flowchart-restart" href="{escape(link(journey.restart()))}">Start again</a></p></div>'
    )


def _back_link(journey, link):
    if not journey.path or link is None:
        return ""
    return f'<a class="flowchart-back" href="{escape(link(journey.back()))}">Back</a>'


def render_static_chart(chart, site_root=""):
    """The whole chart as linked sections, one per node, for browsers where the engine cannot
    run (no JavaScript, no WebAssembly, or Pyodide failing to load). Each answer is a link to
    the next section; the page's CSS shows only the section the address points to."""
    sections = []
    start = f"#{static_anchor(chart, chart.start)}"
    for node in _in_start_order(chart):
        anchor = static_anchor(chart, node.id)
        if node.kind == "question":
            options = "".join(
                f'<li><a href="#{static_anchor(chart, option.next)}">{escape(option.label)}</a></li>'
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
            decision = DECISION_LABELS.get(node.decision, node.decision)
            body = (
                f'<p class="flowchart-decision">Decision: <strong>{escape(decision)}</strong></p>'
                f'<h2 class="flowchart-heading">{escape(node.title)}</h2>'
                f"{with_site_root(node.body_html, site_root)}"
                '<p class="flowchart-static-note">Making a decision record needs JavaScript. '
                "Record your decision and reasons in your organisation's case record.</p>"
            )
        restart = "" if node.id == chart.start else f'<p><a class="flowchart-restart" href="{start}">Start again</a></p>'
        extra = f' data-decision="{escape(node.decision)}"' if node.kind == "outcome" else ""
        sections.append(
            f'<section class="flowchart-static-step" id="{anchor}" data-node="{escape(node.id)}"{extra}>{body}{restart}</section>'
        )
    return f'<div class="flowchart-static">{"".join(sections)}</div>'


def static_anchor(chart, node_id):
    return f"{chart.id}--step--{node_id}"


def _in_start_order(chart):
    """Nodes with the start node first (the static chart shows the first section by default)."""
    start = chart.nodes[chart.start]
    return [start] + [node for node in chart.nodes.values() if node is not start]


def render_record_form(journey):
    """The optional decision-record form shown with an outcome. Its fields come from
    record.RECORD_FIELDS; the engine builds the record itself when asked (web.record)."""
    prefix = f"{journey.chart.id}-record"
    fields = []
    for field in RECORD_FIELDS:
        field_id = f"{prefix}-{field.key}"
        hint_id = f"{field_id}-hint"
        hint = f'<div class="flowchart-hint" id="{hint_id}">{escape(field.hint)}</div>' if field.hint else ""
        described = f' aria-describedby="{hint_id}"' if field.hint else ""
        if field.kind == "yes-no":
            radios = "".join(
                '<div class="flowchart-option">'
                f'<input type="radio" id="{field_id}-{c.value}" name="{field.key}" value="{escape(c.value)}">'
                f'<label for="{field_id}-{c.value}">{escape(c.label)}</label></div>'
                for c in field.choices
            )
            fields.append(
                f'<fieldset class="flowchart-field"{described}><legend>{escape(field.label)}</legend>{hint}'
                f'<div class="flowchart-options flowchart-options--inline">{radios}</div></fieldset>'
            )
            continue
        label = f'<label for="{field_id}">{escape(field.label)}</label>'
        if field.kind == "choice":
            options = '<option value="">Choose one</option>' + "".join(
                f'<option value="{escape(c.value)}">{escape(c.label)}</option>' for c in field.choices
            )
            control = f'<select id="{field_id}" name="{field.key}"{described}>{options}</select>'
        elif field.multiline:
            control = f'<textarea id="{field_id}" name="{field.key}" rows="3" maxlength="{MAX_VALUE_LENGTH}"{described}></textarea>'
        else:
            control = f'<input type="text" id="{field_id}" name="{field.key}" maxlength="{MAX_VALUE_LENGTH}"{described}>'
        fields.append(f'<div class="flowchart-field">{label}{hint}{control}</div>')
    return (
        f'<section class="flowchart-record" aria-labelledby="{prefix}-title">'
        f'<h3 id="{prefix}-title">Record your decision</h3>'
        "<p>Golden rule 7: record your decision and your reasons, whether or not you share. "
        "Fill in what helps (every field is optional), then print, copy or download the record "
        "and keep it in your organisation's case record system.</p>"
        '<p class="flowchart-privacy-note"><strong>Nothing you type here is sent anywhere or stored.</strong> '
        "It stays in this page and is gone when you close it.</p>"
        f'<form class="flowchart-record-form" novalidate>{"".join(fields)}'
        '<div class="flowchart-actions">'
        '<button type="button" class="md-button" data-record="print">Print the record</button>'
        '<button type="button" class="md-button" data-record="copy">Copy as text</button>'
        '<button type="button" class="md-button" data-record="text">Download as text</button>'
        '<button type="button" class="md-button" data-record="json">Download as JSON</button>'
        "</div></form>"
        f'<p class="flowchart-record-status" role="status" aria-live="polite" id="{prefix}-status"></p>'
        '<pre class="flowchart-record-text" hidden></pre>'
        "</section>"
    )
