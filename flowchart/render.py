"""HTML for the steps of a chart: the one presentation used both at build time and in the browser.

The build renders the first question into the page so it can be read and answered before Python
has started; in the browser the engine renders every later step with these same functions, so
the two can never drift apart. Content HTML comes from the compiled chart (trusted, rendered from
the repository's Markdown); anything else is escaped here.
"""

from html import escape

# Links in compiled content start with this marker in place of the path to the site's root,
# which only the page showing the chart knows.
SITE_ROOT_MARKER = "~/"


def with_site_root(html, site_root):
    return html.replace(f'href="{SITE_ROOT_MARKER}', f'href="{escape(site_root)}')


def render_step(journey, site_root="", error=None):
    """The current step of `journey` (a question form or an outcome), as an HTML fragment."""
    node = journey.current
    if node.kind == "question":
        return render_question(journey, node, site_root, error)
    return render_outcome(journey, node, site_root)


def render_question(journey, question, site_root="", error=None):
    chart_id = journey.chart.id
    prefix = f"{chart_id}-{question.id}"
    described_by = [f"{prefix}-hint"]
    parts = [f'<form class="flowchart-step flowchart-question" data-node="{question.id}" novalidate>']
    if error:
        parts.append(
            '<div class="flowchart-error-summary" role="alert">'
            '<h2 class="flowchart-error-title">There is a problem</h2>'
            f'<p><a href="#{prefix}-{question.options[0].answer}">{escape(error)}</a></p></div>'
        )
        described_by.append(f"{prefix}-error")
    parts.append(f'<fieldset class="flowchart-fieldset" aria-describedby="{" ".join(described_by)}">')
    parts.append(
        f'<legend class="flowchart-legend"><h2 class="flowchart-heading" tabindex="-1">'
        f"{escape(question.text)}</h2></legend>"
    )
    parts.append(f'<div class="flowchart-hint" id="{prefix}-hint">{with_site_root(question.hint_html, site_root)}</div>')
    if error:
        parts.append(f'<p class="flowchart-error-message" id="{prefix}-error">{escape(error)}</p>')
    parts.append('<div class="flowchart-options">')
    for option in question.options:
        option_id = f"{prefix}-{option.answer}"
        parts.append(
            '<div class="flowchart-option">'
            f'<input type="radio" id="{option_id}" name="answer" value="{escape(option.answer)}">'
            f'<label for="{option_id}">{escape(option.label)}</label></div>'
        )
    parts.append("</div></fieldset>")
    parts.append(
        '<details class="flowchart-help"><summary>Help with this question</summary>'
        f"{with_site_root(question.help_html, site_root)}</details>"
    )
    parts.append('<div class="flowchart-actions">')
    parts.append('<button type="submit" class="md-button md-button--primary flowchart-continue">Continue</button>')
    parts.append(_navigation(journey))
    parts.append("</div></form>")
    return "".join(parts)


def render_outcome(journey, outcome, site_root=""):
    parts = [
        f'<section class="flowchart-step flowchart-outcome" data-node="{outcome.id}" '
        f'data-decision="{escape(outcome.decision)}">',
        f'<h2 class="flowchart-heading" tabindex="-1">{escape(outcome.title)}</h2>',
        with_site_root(outcome.body_html, site_root),
        render_answers(journey),
        f'<div class="flowchart-actions">{_navigation(journey)}</div>',
        "</section>",
    ]
    return "".join(parts)


def render_answers(journey):
    """The answers that led here, as a summary list."""
    if not journey.answers:
        return ""
    rows = "".join(
        f'<div class="flowchart-answer"><dt>{escape(step.question.text)}</dt>'
        f"<dd>{escape(step.option.label)}</dd></div>"
        for step in journey.path
    )
    return f'<h3 class="flowchart-answers-title">Your answers</h3><dl class="flowchart-answers">{rows}</dl>'


def _navigation(journey):
    if not journey.answers:
        return ""
    return (
        '<button type="button" class="md-button flowchart-back" data-action="back">Back</button>'
        '<button type="button" class="md-button flowchart-restart" data-action="restart">Start again</button>'
    )
