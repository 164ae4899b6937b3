"""A diagram of a whole chart, drawn at build time from the same definition the engine runs.

`render_diagram(chart)` returns an HTML fragment holding an inline SVG of the chart, laid out top
down; `render_text_alternative(chart)` returns the same chart as text, read in the same order.
Nothing is fetched or run in the browser: the page only adds classes (`is-on-path`,
`is-current`) to the groups marked with `data-node` and `data-from`/`data-to`/`data-answer` to
show the path taken.

The layout is Graphviz's `dot`, the reference for layered drawings, run at build time as
WebAssembly under Node (sitebuild/graphviz_layout.mjs, npm @viz-js/viz). This module keeps only
what is the project's own: the chart as a graph (a box per node, sized for its wrapped text, and
a labelled edge per answer, in the order they are asked), the drawing in accessible SVG, and the
text version.

Text cannot be measured at build time, so it is wrapped using Helvetica/Arial widths with a
margin for wider system fonts. The drawing scrolls inside its own container when it is wider
than the page.
"""

import json
import math
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path

from flowchart.model import DECISION_LABELS
from flowchart.render import dom_id

from .errors import BuildError

LAYOUT_SCRIPT = Path(__file__).with_name("graphviz_layout.mjs")


class LayoutFailed(BuildError):
    pass


# Geometry, in CSS pixels (the SVG is drawn at its natural size).
FONT_SIZE = 14
LINE_HEIGHT = 18
NODE_WIDTH = 208
NODE_PAD_X = 12
NODE_PAD_Y = 10
LABEL_FONT_SIZE = 13
LABEL_HEIGHT = 20
LABEL_PAD_X = 6
GAP_SMALL = 14  # between two boxes side by side
RANK_GAP = 16  # between a rank of nodes and the rank of their answers' labels
MARGIN = 14  # room round the drawing for the current node's ring
ARROW_LENGTH = 9
ARROW_HALF_WIDTH = 5
# Text measurement: Helvetica widths (thousandths of an em) scaled up for wider system fonts.
WIDTH_FACTOR = 1.2
BOLD_FACTOR = 1.08

_HELVETICA = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333,
    ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278,
    "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015, "[": 278, "\\": 278, "]": 278, "^": 469,
    "_": 556, "`": 333, "{": 334, "|": 260, "}": 334, "~": 584, "\u2019": 222, "\u2018": 222,
    "\u201c": 333, "\u201d": 333, "\u2013": 556, "\u2014": 1000, "\u2026": 1000,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722, "I": 278,
    "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667, "Q": 778, "R": 722,
    "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667, "Y": 667, "Z": 611,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556, "i": 222,
    "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556, "q": 556, "r": 333,
    "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500, "y": 500, "z": 500,
}  # fmt: skip
_DEFAULT_WIDTH = 600  # digits are 556; anything unlisted is assumed wide


def text_width(text, font_size=FONT_SIZE, bold=False):
    """An over-estimate of the rendered width of one line of text, in pixels."""
    units = sum(_HELVETICA.get(char, 556 if char.isdigit() else _DEFAULT_WIDTH) for char in text)
    return units / 1000 * font_size * WIDTH_FACTOR * (BOLD_FACTOR if bold else 1)


def wrap(text, width, font_size=FONT_SIZE, bold=False):
    """Greedy word wrap to `width` pixels; a word longer than a line is left whole."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, font_size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


# ---------------------------------------------------------------------------------------------
# Layout


@dataclass
class NodeLayout:
    id: str
    kind: str  # "question" or "outcome"
    decision: str  # "" for a question
    heading: str  # "Question 2", or the decision in words
    lines: list  # the wrapped text under the heading
    number: int  # 1-based, counted separately for questions and outcomes, in reading order
    x: float  # left
    y: float  # top
    width: float
    height: float


@dataclass
class EdgeLayout:
    source: str
    target: str
    answer: str
    label: str
    points: list  # a cubic Bézier: its start on the source, then three points per segment
    tip: tuple  # (x, y) of the arrow's point, on the target
    label_box: tuple  # (x, y, width, height) of the label, beside the edge


@dataclass
class Layout:
    width: float
    height: float
    nodes: dict  # node id -> NodeLayout, in reading order
    edges: list  # EdgeLayout, in the order of the questions (reading order) and their options


# ---------------------------------------------------------------------------------------------
# The chart as a graph for Graphviz, and its layout back


def _node_text(node, number):
    if node.kind == "question":
        return f"Question {number}", wrap(node.text, NODE_WIDTH - 2 * NODE_PAD_X)
    return decision_words(node.decision), wrap(node.title, NODE_WIDTH - 2 * NODE_PAD_X)


def decision_words(decision):
    return DECISION_LABELS.get(decision, decision.replace("-", " ").capitalize())


def _node_height(node):
    _, lines = _node_text(node, 0)  # numbers do not wrap
    return 2 * NODE_PAD_Y + LINE_HEIGHT * (1 + len(lines))


def _label_size(label):
    return round(text_width(label, LABEL_FONT_SIZE) + 2 * LABEL_PAD_X), LABEL_HEIGHT


def _dot_id(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label_node(index):
    return f"label {index}"  # a space never occurs in a node id


def _answers(chart):
    """Every answer to draw, in definition order: (question id, option)."""
    return [(question.id, option) for question in chart.questions for option in question.options]


def graph_of(chart):
    """The chart in Graphviz's DOT language. Each node is a box of the size its text needs (the
    text itself is drawn by render_svg). Each answer is a small box of its label's size on the
    way from its question to where it leads, so that its line runs through its own label and no
    label can be placed on another; the short step from a question to its labels is weighted to
    keep the labels just under their question. `ordering=out` keeps each question's answers left
    to right in the order they are asked."""
    lines = [
        "digraph chart {",
        f"graph [rankdir=TB, ordering=out, nodesep={GAP_SMALL / 72:.3f}, ranksep={RANK_GAP / 72:.3f}, margin=0];",
        'node [shape=box, fixedsize=true, label=""];',
        f"edge [arrowsize={ARROW_LENGTH / 10:.2f}];",
    ]
    for node in chart.nodes.values():
        lines.append(f"{_dot_id(node.id)} [width={NODE_WIDTH / 72:.4f}, height={_node_height(node) / 72:.4f}];")
    for index, (source, option) in enumerate(_answers(chart)):
        width, height = _label_size(option.label)
        label = _dot_id(_label_node(index))
        lines.append(f"{label} [width={width / 72:.4f}, height={height / 72:.4f}];")
        lines.append(f"{_dot_id(source)} -> {label} [id=a{index}, arrowhead=none, weight=8];")
        lines.append(f"{label} -> {_dot_id(option.next)} [id=b{index}];")
    lines.append("}")
    return "\n".join(lines)


_layouts: dict[str, dict] = {}  # DOT source -> Graphviz's JSON layout, for this process


def graphviz_layouts(graphs):
    """{name: DOT} -> {name: Graphviz's JSON output}, from one run of sitebuild/graphviz_layout.mjs."""
    wanted = {name: dot for name, dot in graphs.items() if dot not in _layouts}
    if wanted:
        node = shutil.which("node")
        if node is None:
            raise LayoutFailed("Node.js 20+ is needed to lay out the charts' diagrams")
        result = subprocess.run(
            [node, str(LAYOUT_SCRIPT)],
            input=json.dumps(wanted),
            capture_output=True,
            text=True,
            timeout=300,
            cwd=LAYOUT_SCRIPT.parent.parent,  # so that Node finds node_modules/@viz-js/viz
        )
        if result.returncode != 0:
            raise LayoutFailed(f"laying out the diagrams with Graphviz failed:\n{result.stderr}")
        for name, layout in json.loads(result.stdout).items():
            _layouts[wanted[name]] = layout
    return {name: _layouts[dot] for name, dot in graphs.items()}


def layout_charts(charts):
    """Place every node and edge of each chart (one Graphviz run for all of them)."""
    graphs = {chart.id: graph_of(chart) for chart in charts}
    found = graphviz_layouts(graphs)
    return {chart.id: _from_graphviz(chart, found[chart.id]) for chart in charts}


def layout_chart(chart):
    return layout_charts([chart])[chart.id]


def _points(text):
    return [tuple(float(v) for v in point.split(",")) for point in text.split()]


def _from_graphviz(chart, found):
    """Graphviz's layout (points, y upwards) as the diagram's (pixels, y downwards, with a margin)."""
    _, _, right, top = (float(v) for v in found["bb"].split(","))

    def place(x, y):
        return (x + MARGIN, top - y + MARGIN)

    boxes = {}
    for obj in found["objects"]:
        x, y = place(*_points(obj["pos"])[0])
        width, height = float(obj["width"]) * 72, float(obj["height"]) * 72
        boxes[obj["name"]] = (x - width / 2, y - height / 2, width, height)
    reading = sorted(chart.nodes, key=lambda node_id: (round(boxes[node_id][1]), boxes[node_id][0]))
    numbers, counts = {}, {"question": 0, "outcome": 0}
    for node_id in reading:
        kind = chart.nodes[node_id].kind
        counts[kind] += 1
        numbers[node_id] = counts[kind]
    nodes = {}
    for node_id in reading:
        node = chart.nodes[node_id]
        heading, lines = _node_text(node, numbers[node_id])
        x, y, width, height = boxes[node_id]
        nodes[node_id] = NodeLayout(
            node_id, node.kind, getattr(node, "decision", ""), heading, lines, numbers[node_id], x, y, width, height
        )
    drawn = {edge["id"]: edge for edge in found["edges"]}

    def spline(edge_id):
        parts = drawn[edge_id]["pos"].split()
        tip = None
        if parts[0].startswith("e,"):
            tip, parts = place(*_points(parts[0][len("e,") :])[0]), parts[1:]
        return [place(*point) for point in _points(" ".join(parts))], tip

    edges = []
    for index, (source, option) in enumerate(_answers(chart)):
        into_label, _ = spline(f"a{index}")
        onwards, tip = spline(f"b{index}")
        # Straight through the label, as one more (straight) curve from one spline to the next.
        (x0, y0), (x1, y1) = into_label[-1], onwards[0]
        through = [(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3), (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), (x1, y1)]
        x, y, width, height = boxes[_label_node(index)]
        edges.append(
            EdgeLayout(
                source,
                option.next,
                option.answer,
                option.label,
                into_label + through + onwards[1:],
                tip,
                (x, y, width, height),
            )
        )
    order = {node_id: index for index, node_id in enumerate(reading)}
    edges.sort(key=lambda edge: order[edge.source])  # stable: each question's answers stay in order
    return Layout(round(right + 2 * MARGIN), round(top + 2 * MARGIN), nodes, edges)


# ---------------------------------------------------------------------------------------------
# SVG


def _n(value):
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _edge_path(points):
    """Graphviz's spline: a start point, then three points (two controls and an end) per curve."""
    (x0, y0), rest = points[0], points[1:]
    curves = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    return f"M{_n(x0)} {_n(y0)}" + "".join("C" + " ".join(f"{_n(x)} {_n(y)}" for x, y in curve) for curve in curves)


def _arrow(start, tip):
    """An arrowhead from the end of the line to its tip on the target, pointing the line's way."""
    (x0, y0), (x1, y1) = start, tip
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    base_x, base_y = x1 - ux * ARROW_LENGTH, y1 - uy * ARROW_LENGTH
    left = (base_x - uy * ARROW_HALF_WIDTH, base_y + ux * ARROW_HALF_WIDTH)
    right = (base_x + uy * ARROW_HALF_WIDTH, base_y - ux * ARROW_HALF_WIDTH)
    return f"M{_n(left[0])} {_n(left[1])}L{_n(right[0])} {_n(right[1])}L{_n(x1)} {_n(y1)}Z"


def _text_lines(lines, centre, top, css_class, first_class=None):
    spans = []
    for index, line in enumerate(lines):
        baseline = top + index * LINE_HEIGHT + LINE_HEIGHT * 0.75
        attributes = f' class="{first_class}"' if index == 0 and first_class else ""
        spans.append(f'<tspan x="{_n(centre)}" y="{_n(baseline)}"{attributes}>{escape(line)}</tspan>')
    return f'<text class="{css_class}" text-anchor="middle">{"".join(spans)}</text>'


def _node_svg(node):
    classes = ["flowchart-diagram-node", f"is-{node.kind}"]
    if node.decision:
        classes.append(f"is-{node.decision}")
    x, y, w, h = node.x, node.y, node.width, node.height
    radius = 6 if node.kind == "question" else 16
    shape = f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{radius}"'
    parts = [f'<g class="{" ".join(classes)}" data-node="{escape(node.id)}">']
    parts.append(
        f'<rect class="flowchart-diagram-ring" x="{_n(x - 6)}" y="{_n(y - 6)}" width="{_n(w + 12)}" '
        f'height="{_n(h + 12)}" rx="{radius + 6}"/>'
    )
    parts.append(f'<rect class="flowchart-diagram-box" {shape}/>')
    if node.decision == "do-not-share":  # a double border
        parts.append(
            f'<rect class="flowchart-diagram-inner" x="{_n(x + 4)}" y="{_n(y + 4)}" '
            f'width="{_n(w - 8)}" height="{_n(h - 8)}" rx="{radius - 4}"/>'
        )
    parts.append(
        _text_lines(
            [node.heading] + node.lines,
            x + w / 2,
            y + NODE_PAD_Y,
            "flowchart-diagram-text",
            "flowchart-diagram-heading",
        )
    )
    parts.append("</g>")
    return "".join(parts)


def _edge_svg(edge):
    lx, ly, lw, lh = edge.label_box
    return (
        f'<g class="flowchart-diagram-edge" data-from="{escape(edge.source)}" '
        f'data-to="{escape(edge.target)}" data-answer="{escape(edge.answer)}">'
        f'<path class="flowchart-diagram-line" d="{_edge_path(edge.points)}"/>'
        f'<path class="flowchart-diagram-arrow" d="{_arrow(edge.points[-1], edge.tip)}"/>'
        f'<rect class="flowchart-diagram-label-box" x="{_n(lx)}" y="{_n(ly)}" width="{_n(lw)}" '
        f'height="{_n(lh)}" rx="4"/>'
        f'<text class="flowchart-diagram-label" x="{_n(lx + lw / 2)}" y="{_n(ly + lh * 0.72)}" '
        f'text-anchor="middle">{escape(edge.label)}</text>'
        "</g>"
    )


def diagram_ids(chart):
    """Element ids the diagram and its text version use, in the engine's one id scheme (dom_id)."""
    return {
        "title": dom_id(chart.id, "diagram", "title"),
        "desc": dom_id(chart.id, "diagram", "description"),
        "text": dom_id(chart.id, "text"),
    }


def render_svg(chart, layout=None):
    """The diagram as a standalone, well-formed SVG element."""
    layout = layout or layout_chart(chart)
    ids = diagram_ids(chart)
    questions = len(chart.questions)
    outcomes = len(chart.outcomes)
    description = (
        f"A flowchart of {_count(questions, 'question')} leading to {_count(outcomes, 'outcome')}, "
        "drawn from top to bottom. A text version of the whole chart follows the diagram."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart-diagram-svg" '
        f'viewBox="0 0 {_n(layout.width)} {_n(layout.height)}" width="{_n(layout.width)}" '
        f'height="{_n(layout.height)}" role="img" aria-labelledby="{ids["title"]}" '
        f'aria-describedby="{ids["desc"]}">',
        f'<title id="{ids["title"]}">Diagram of the flowchart: {escape(chart.title)}</title>',
        f'<desc id="{ids["desc"]}">{escape(description)}</desc>',
        '<g class="flowchart-diagram-edges">',
        *(_edge_svg(edge) for edge in layout.edges),
        "</g>",
        '<g class="flowchart-diagram-nodes">',
        *(_node_svg(node) for node in layout.nodes.values()),
        "</g>",
        "</svg>",
    ]
    return "".join(parts)


def render_diagram(chart):
    """An HTML fragment: the chart's SVG diagram in a labelled, focusable scrolling container."""
    return (
        f'<div class="flowchart-diagram" data-diagram="{escape(chart.id)}">'
        f'<div class="flowchart-diagram-scroll" tabindex="0" role="region" '
        f'aria-label="Scrollable diagram: {escape(chart.title)}">'
        f"{render_svg(chart)}"
        "</div></div>"
    )


# ---------------------------------------------------------------------------------------------
# Text alternative


def _count(number, noun):
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def node_anchor(chart, node_id):
    return dom_id(chart.id, node_id, "text")


def render_text_alternative(chart, heading_level=2, layout=None):
    """The whole chart as text, in the diagram's reading order: every question with where each
    answer leads, then every outcome with the answers that reach it. `heading_level` is the
    level of the fragment's own heading (None for no heading)."""
    layout = layout or layout_chart(chart)
    ids = diagram_ids(chart)
    nodes = layout.nodes
    questions = [n for n in nodes.values() if n.kind == "question"]
    outcomes = [n for n in nodes.values() if n.kind == "outcome"]
    reached_from = {node_id: [] for node_id in nodes}
    for question in questions:
        for option in chart.nodes[question.id].options:
            reached_from[option.next].append((question, option))

    def link(node_id):
        target = nodes[node_id]
        noun = "question" if target.kind == "question" else "outcome"
        return f'<a href="#{node_anchor(chart, node_id)}">{noun} {target.number}</a>'

    def described(node_id):
        target, source = nodes[node_id], chart.nodes[node_id]
        if target.kind == "question":
            return f"go to {link(node_id)}: {escape(source.text)}"
        return f"{link(node_id)}, {escape(target.heading)}: {escape(source.title)}"

    start = nodes[chart.start]
    parts = [
        f'<section class="flowchart-text" id="{ids["text"]}" aria-label="The flowchart as text: {escape(chart.title)}">'
    ]
    if heading_level:
        level = _level(heading_level)
        parts.append(f'<h{level} class="flowchart-text-title">The flowchart as text</h{level}>')
    parts.append(
        f'<p class="flowchart-text-intro">This flowchart has {_count(len(questions), "question")} '
        f"and {_count(len(outcomes), 'outcome')}. Start at question {start.number} and follow "
        "your answers; every answer leads to a later question or to an outcome.</p>"
    )
    parts.append(_subheading("Questions", heading_level))
    parts.append('<ol class="flowchart-text-list flowchart-text-questions" role="list">')
    for question in questions:
        node = chart.nodes[question.id]
        parts.append(
            f'<li class="flowchart-text-item" id="{node_anchor(chart, question.id)}" '
            f'data-node="{escape(question.id)}">'
            f"<p><strong>Question {question.number}.</strong> {escape(node.text)}</p><ul>"
        )
        for option in node.options:
            parts.append(
                f'<li data-answer="{escape(option.answer)}">If you answer '
                f"<strong>{escape(option.label)}</strong>: {described(option.next)}</li>"
            )
        parts.append("</ul></li>")
    parts.append("</ol>")
    parts.append(_subheading("Outcomes", heading_level))
    parts.append('<ol class="flowchart-text-list flowchart-text-outcomes" role="list">')
    for outcome in outcomes:
        node = chart.nodes[outcome.id]
        sources = "; ".join(
            f"{link(question.id)} if you answer <strong>{escape(option.label)}</strong>"
            for question, option in reached_from[outcome.id]
        )
        parts.append(
            f'<li class="flowchart-text-item" id="{node_anchor(chart, outcome.id)}" '
            f'data-node="{escape(outcome.id)}" data-decision="{escape(outcome.decision)}">'
            f"<p><strong>Outcome {outcome.number}. {escape(outcome.heading)}:</strong> "
            f"{escape(node.title)}</p><p>Reached from {sources}.</p></li>"
        )
    parts.append("</ol></section>")
    return "".join(parts)


def _level(heading_level):
    return max(1, min(6, int(heading_level)))


def _subheading(text, heading_level):
    if not heading_level or _level(heading_level) == 6:
        return ""
    level = _level(heading_level) + 1
    return f'<h{level} class="flowchart-text-subtitle">{text}</h{level}>'
