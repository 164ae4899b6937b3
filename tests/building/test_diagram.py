"""The build-time diagram of each chart (sitebuild/diagram.py) and its text alternative."""

import copy
import functools
import hashlib
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowchart.model import Chart
from sitebuild.charts import compile_all, source_files
from sitebuild.diagram import (
    LINE_HEIGHT,
    NODE_PAD_X,
    layout_chart,
    render_diagram,
    render_svg,
    render_text_alternative,
    text_width,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"
CHART_IDS = [path.stem for path in source_files()]
DECISION_WORDS = {
    "share": "Share",
    "do-not-share": "Do not share",
    "seek-advice": "Seek advice",
    "talk-first": "Talk to the family first",
    "bases": "Record these bases",
}


@functools.cache
def compiled_charts():
    # Compiled into a scratch folder, so these tests never rewrite flowchart/compiled/.
    return compile_all(out_dir=tempfile.mkdtemp(prefix="diagram-test-"))


def shipped(chart_id):
    return Chart.from_compiled(compiled_charts()[chart_id])


def small_chart(nodes, start="first", chart_id="small"):
    """A chart from a compact description: {id: [(answer, label, next), ...]} for a question,
    {id: "decision"} for an outcome."""
    compiled = []
    for node_id, spec in nodes.items():
        if isinstance(spec, str):
            compiled.append(
                {
                    "id": node_id,
                    "type": "outcome",
                    "decision": spec,
                    "title": f"Title of {node_id}",
                    "body_html": "<p>Body</p>",
                }
            )
        else:
            compiled.append(
                {
                    "id": node_id,
                    "type": "question",
                    "question": f"What about {node_id}?",
                    "hint_html": "",
                    "help_html": "",
                    "options": [{"answer": a, "label": label, "next": n} for a, label, n in spec],
                }
            )
    return Chart.from_compiled(
        {"id": chart_id, "title": "A small chart", "version": "1", "start": start, "nodes": compiled}
    )


def parse(fragment):
    """The fragment as XML: fails the test if it is not well-formed."""
    return ET.fromstring(fragment)


def text_of(element):
    """An HTML element's text, as read."""
    return " ".join("".join(element.itertext()).split())


def svg_text(element):
    """An SVG element's text: each line is its own <tspan>, so lines are joined with spaces."""
    return " ".join(" ".join(element.itertext()).split())


def node_groups(svg):
    return [g for g in svg.iter(f"{SVG}g") if "data-node" in g.attrib]


def edge_groups(svg):
    return [g for g in svg.iter(f"{SVG}g") if "data-from" in g.attrib]


def check_diagram(chart):
    """Everything the diagram of any chart must satisfy."""
    root = parse(render_diagram(chart))
    (svg,) = root.iter(f"{SVG}svg")

    nodes = node_groups(svg)
    assert Counter(g.get("data-node") for g in nodes) == Counter(list(chart.nodes)), "one group per node"
    for group in nodes:
        node = chart.nodes[group.get("data-node")]
        (text,) = group.iter(f"{SVG}text")
        words = svg_text(text)
        if node.kind == "question":
            assert words.endswith(" ".join(node.text.split())), words
            assert words.startswith("Question "), words
        else:
            assert words == f"{DECISION_WORDS[node.decision]} {' '.join(node.title.split())}", words
            assert f"is-{node.decision}" in group.get("class").split()

    expected = Counter(
        (question.id, option.next, option.answer, option.label)
        for question in chart.questions
        for option in question.options
    )
    edges = edge_groups(svg)
    drawn = Counter((g.get("data-from"), g.get("data-to"), g.get("data-answer"), svg_text(g)) for g in edges)
    assert drawn == expected, "one group per option, labelled with the answer's label"
    for group in edges:
        assert group.find(f"{SVG}path[@class='flowchart-diagram-line']") is not None
        assert group.find(f"{SVG}path[@class='flowchart-diagram-arrow']") is not None
    return root, svg


LABEL_REACH = 30  # how far from its edge a label's box may sit, in pixels


def on_edge_of(box, x, y, tolerance=1.5):
    """Whether (x, y) lies on the box's border (within a pixel or two)."""
    inside = (
        box.x - tolerance <= x <= box.x + box.width + tolerance
        and box.y - tolerance <= y <= box.y + box.height + tolerance
    )
    near_side = (
        min(abs(x - box.x), abs(x - box.x - box.width), abs(y - box.y), abs(y - box.y - box.height)) <= tolerance
    )
    return inside and near_side


def curve_points(points, steps=10):
    """Points along a cubic Bézier spline given as a start and three points per curve."""
    found = []
    for i in range(0, len(points) - 1, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i : i + 4]
        for step in range(steps + 1):
            t = step / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            found.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return found


def check_layout(chart):
    """No two boxes overlap, everything is inside the drawing, and every edge runs downwards from
    its source's border to its target's, with its label beside it."""
    layout = layout_chart(chart)
    assert list(layout.nodes) and set(layout.nodes) == set(chart.nodes)
    boxes = [(f"node {n.id}", n.x, n.y, n.width, n.height) for n in layout.nodes.values()]
    boxes += [(f"label {e.source}->{e.answer}", *e.label_box) for e in layout.edges]
    for name, x, y, w, h in boxes:
        assert 0 <= x and x + w <= layout.width and 0 <= y and y + h <= layout.height, name
    for i, (name1, x1, y1, w1, h1) in enumerate(boxes):
        for name2, x2, y2, w2, h2 in boxes[i + 1 :]:
            apart = x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
            assert apart, f"{name1} overlaps {name2}"
    for node in layout.nodes.values():
        for line in node.lines:
            if " " in line:  # a single long word cannot be wrapped
                assert text_width(line) <= node.width - 2 * NODE_PAD_X, line
        assert node.height >= LINE_HEIGHT * (1 + len(node.lines))
    assert len(layout.edges) == sum(len(q.options) for q in chart.questions)
    for edge in layout.edges:
        source, target = layout.nodes[edge.source], layout.nodes[edge.target]
        (x0, y0), (x1, y1) = edge.points[0], edge.tip
        assert len(edge.points) % 3 == 1, "a start, then three points per curve"
        assert on_edge_of(source, x0, y0), f"{edge.source}->{edge.answer} starts on its source"
        assert on_edge_of(target, x1, y1), f"{edge.source}->{edge.answer} ends on its target"
        assert y1 <= target.y + target.height / 2 and y1 > y0, "runs downwards, into the top of its target"
        lx, ly, lw, lh = edge.label_box
        nearest = min(
            math.hypot(max(lx - x, 0, x - lx - lw), max(ly - y, 0, y - ly - lh)) for x, y in curve_points(edge.points)
        )
        assert nearest <= LABEL_REACH, f"the label of {edge.source}->{edge.answer} is beside its edge"
    return layout


# --- The shipped charts ---------------------------------------------------------------------


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_diagram_draws_every_node_and_every_option_once(chart_id):
    check_diagram(shipped(chart_id))


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_layout_has_no_overlaps_and_flows_downwards(chart_id):
    check_layout(shipped(chart_id))


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_diagram_is_an_accessible_image_in_a_labelled_scrolling_region(chart_id):
    chart = shipped(chart_id)
    root, svg = check_diagram(chart)
    (scroll,) = [e for e in root.iter() if "flowchart-diagram-scroll" in e.get("class", "").split()]
    assert scroll.get("tabindex") == "0" and scroll.get("role") == "region"
    assert chart.title in scroll.get("aria-label")
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and chart.title in title.text
    assert svg.get("aria-describedby") == desc.get("id") and "text version" in desc.text
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    # Sized in pixels from the layout, so it scrolls rather than shrinking its text.
    layout = layout_chart(chart)
    assert svg.get("viewBox") == f"0 0 {layout.width} {layout.height}"
    assert (svg.get("width"), svg.get("height")) == (str(layout.width), str(layout.height))
    # Colour comes from the stylesheet, never from the markup.
    for element in svg.iter():
        assert not {"style", "fill", "stroke", "color"} & set(element.attrib), element.tag


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_output_is_deterministic(chart_id):
    chart = shipped(chart_id)
    again = Chart.from_compiled(copy.deepcopy(compiled_charts()[chart_id]))
    assert render_diagram(chart) == render_diagram(again)
    assert render_text_alternative(chart) == render_text_alternative(again)


def test_the_output_does_not_depend_on_the_hash_seed():
    program = (
        "import hashlib, tempfile\n"
        "from flowchart.model import Chart\n"
        "from sitebuild.charts import compile_all\n"
        "from sitebuild.diagram import render_diagram, render_text_alternative\n"
        "charts = compile_all(out_dir=tempfile.mkdtemp())\n"
        "for chart_id in sorted(charts):\n"
        "    chart = Chart.from_compiled(charts[chart_id])\n"
        "    text = render_diagram(chart) + render_text_alternative(chart)\n"
        "    print(chart_id, hashlib.sha256(text.encode()).hexdigest())\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", program],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT)},
            check=True,
        )
        outputs.add(result.stdout)
    (output,) = outputs
    expected = {
        chart_id: hashlib.sha256(
            (render_diagram(shipped(chart_id)) + render_text_alternative(shipped(chart_id))).encode()
        ).hexdigest()
        for chart_id in CHART_IDS
    }
    assert dict(line.split() for line in output.splitlines()) == expected


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_the_text_alternative_reads_the_whole_chart_in_order(chart_id):
    chart = shipped(chart_id)
    check_text_alternative(chart)


def check_text_alternative(chart):
    root = parse(render_text_alternative(chart))
    anchors = {e.get("id"): e for e in root.iter() if e.get("id")}
    items = [li for li in root.iter("li") if "data-node" in li.attrib]
    assert Counter(li.get("data-node") for li in items) == Counter(list(chart.nodes)), "each node once"
    position = {li.get("data-node"): index for index, li in enumerate(items)}
    text = text_of(root)
    for li in items:
        node = chart.nodes[li.get("data-node")]
        if node.kind == "question":
            assert " ".join(node.text.split()) in text_of(li.find("p"))
            options = li.findall("ul/li")
            assert [o.get("data-answer") for o in options] == list(node.answers)
            for option, li_option in zip(node.options, options, strict=True):
                said = text_of(li_option)
                target = chart.nodes[option.next]
                assert said.startswith(f"If you answer {option.label}:"), said
                assert (target.text if target.kind == "question" else target.title) in said
                (link,) = li_option.iter("a")
                linked = anchors[link.get("href").removeprefix("#")]
                assert linked.get("data-node") == option.next
                # Reading top to bottom: every answer leads further down the text.
                assert position[option.next] > position[node.id]
        else:
            assert f"{DECISION_WORDS[node.decision]}: {node.title}" in text_of(li.find("p"))
            sources = [(q.id, o.label) for q in chart.questions for o in q.options if o.next == node.id]
            assert len(li.findall(".//a")) == len(sources)
    # Questions first, then outcomes; the start comes first of all.
    kinds = [chart.nodes[li.get("data-node")].kind for li in items]
    assert kinds == sorted(kinds, key=["question", "outcome"].index)
    assert items[0].get("data-node") == chart.start
    assert f"{len(chart.questions)} question" in text and f"{len(chart.outcomes)} outcome" in text


def test_the_text_alternative_uses_the_heading_level_it_is_given():
    chart = shipped(CHART_IDS[0])
    assert "<h3 " in render_text_alternative(chart, heading_level=3)
    assert "<h4 " in render_text_alternative(chart, heading_level=3)
    assert "<h2" not in render_text_alternative(chart, heading_level=3)
    assert "<h" not in render_text_alternative(chart, heading_level=None)


# --- Charts made here -----------------------------------------------------------------------


def test_a_shared_target_and_three_answers_are_each_drawn():
    chart = small_chart(
        {
            "first": [("yes", "Yes", "second"), ("no", "No", "stop"), ("not-sure", "I'm not sure", "stop")],
            "second": [("yes", "Yes", "go"), ("no", "No", "advice")],
            "go": "share",
            "stop": "do-not-share",
            "advice": "seek-advice",
        }
    )
    _, svg = check_diagram(chart)
    layout = check_layout(chart)
    check_text_alternative(chart)
    into_stop = [g for g in edge_groups(svg) if g.get("data-to") == "stop"]
    assert sorted(g.get("data-answer") for g in into_stop) == ["no", "not-sure"]
    assert "I'm not sure" in [svg_text(g) for g in into_stop]
    assert "I&#x27;m not sure" in render_svg(chart)  # escaped, and still well-formed
    # Two answers from one question to one place are two lines, each through its own label.
    into = [e for e in layout.edges if e.target == "stop"]
    assert into[0].points != into[1].points and into[0].label_box != into[1].label_box
    # Layers: the start, then its children, then theirs.
    rows = {node_id: node.y for node_id, node in layout.nodes.items()}
    assert rows["first"] < rows["second"] == rows["stop"] < rows["go"] == rows["advice"]
    # The outcome reached by two answers says so in the text.
    text = render_text_alternative(chart)
    assert text.count('href="#small--stop--text"') == 2


def test_a_long_edge_goes_round_the_nodes_it_passes():
    # "first" -> "last" skips a layer; "middle" sits in that layer.
    chart = small_chart(
        {
            "first": [("yes", "Yes", "middle"), ("no", "No", "last")],
            "middle": [("yes", "Yes", "last"), ("no", "No", "other")],
            "last": "share",
            "other": "do-not-share",
        }
    )
    layout = check_layout(chart)
    middle = layout.nodes["middle"]
    (edge,) = [e for e in layout.edges if (e.source, e.target) == ("first", "last")]
    beside = [(x, y) for x, y in edge.points if middle.y <= y <= middle.y + middle.height]
    assert beside, "the edge has points level with the node it passes"
    assert all(not middle.x <= x <= middle.x + middle.width for x, _ in beside)


def test_markup_in_the_data_is_escaped():
    chart = small_chart({"first": [("yes", "<b>Yes</b> & more", "done"), ("no", "No", "done")], "done": "share"})
    check_diagram(chart)
    check_text_alternative(chart)
    assert "<b>" not in render_diagram(chart) and "<b>" not in render_text_alternative(chart)


WORDS = [
    "share",
    "the",
    "information",
    "safeguarding",
    "consent",
    "a",
    "lawful",
    "reason",
    "child",
    "Supercalifragilisticexpialidocious",
    "I'm",
    "&",
    "<harm>",
    "proportionate",
]


@st.composite
def random_charts(draw):
    """Any valid chart shape: a DAG from one start question, 2-4 answers a question, answers
    free to share targets; nodes the start cannot reach are dropped, as validation demands."""
    questions = draw(st.integers(1, 6))
    outcomes = draw(st.integers(1, 6))
    total = questions + outcomes
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=18).map(" ".join)
    targets = {}
    for index in range(questions):
        count = draw(st.integers(2, 4))
        targets[index] = draw(st.lists(st.integers(index + 1, total - 1), min_size=count, max_size=count))
    reachable, stack = set(), [0]
    while stack:
        index = stack.pop()
        if index not in reachable:
            reachable.add(index)
            stack.extend(targets.get(index, []))
    labels = ["Yes", "No", "I'm not sure", "Not yet"]
    nodes = {}
    for index in sorted(reachable):
        node_id = f"n{index}"
        if index < questions:
            nodes[node_id] = [(f"a{k}", labels[k], f"n{target}") for k, target in enumerate(targets[index])]
        else:
            nodes[node_id] = draw(st.sampled_from(sorted(DECISION_WORDS)))
    chart = small_chart(nodes, start="n0", chart_id="random")
    # Give the nodes wrapped text of varied length.
    texts = {node_id: draw(sentence) for node_id in nodes}
    compiled = {
        "id": "random",
        "title": "Random",
        "version": "1",
        "start": "n0",
        "nodes": [
            {
                **_compiled_node(chart.nodes[node_id]),
                **(
                    {"question": texts[node_id]}
                    if chart.nodes[node_id].kind == "question"
                    else {"title": texts[node_id]}
                ),
            }
            for node_id in nodes
        ],
    }
    return Chart.from_compiled(compiled)


def _compiled_node(node):
    if node.kind == "question":
        return {
            "id": node.id,
            "type": "question",
            "question": node.text,
            "hint_html": "",
            "help_html": "",
            "options": [{"answer": o.answer, "label": o.label, "next": o.next} for o in node.options],
        }
    return {"id": node.id, "type": "outcome", "decision": node.decision, "title": node.title, "body_html": ""}


# Each example is laid out by Graphviz in its own Node process (about 0.1 s).
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_charts())
def test_any_valid_chart_is_drawn_without_overlaps(chart):
    check_diagram(chart)
    check_layout(chart)
    check_text_alternative(chart)
    assert render_diagram(chart) == render_diagram(chart)


# --- In the browser -------------------------------------------------------------------------

# Material's text font stack when the site loads no web font, and a wide font that Linux uses
# when neither Helvetica nor Arial (nor a metric twin) is installed.
FONT_STACKS = ["-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif", "DejaVu Sans"]


@pytest.mark.browser
@pytest.mark.parametrize("fonts", FONT_STACKS)
def test_the_text_fits_its_boxes_when_rendered(page, fonts):
    """Text is wrapped at build time from estimated widths: check them against real fonts."""
    charts = [shipped(chart_id) for chart_id in CHART_IDS]
    page.set_content(f"<!doctype html><html><body>{''.join(map(render_diagram, charts))}</body></html>")
    page.add_style_tag(path=str(REPO_ROOT / "docs" / "stylesheets" / "diagram.css"))
    page.add_style_tag(content=f".flowchart-diagram-svg {{ font-family: {fonts}; }}")
    overflowing = page.evaluate(
        """() => {
          const inside = (t, r) => t.x >= r.x && t.x + t.width <= r.x + r.width
                                && t.y >= r.y && t.y + t.height <= r.y + r.height;
          const out = [];
          for (const g of document.querySelectorAll("[data-node]")) {
            if (!inside(g.querySelector("text").getBBox(), g.querySelector(".flowchart-diagram-box").getBBox()))
              out.push(g.dataset.node);
            const lines = [...g.querySelectorAll("tspan")].map((t) => t.getBoundingClientRect());
            for (let i = 1; i < lines.length; i++) {
              if (lines[i].top < lines[i - 1].bottom - 0.5) out.push(`${g.dataset.node} line ${i + 1}`);
            }
          }
          for (const g of document.querySelectorAll("[data-from]")) {
            if (!inside(g.querySelector("text").getBBox(), g.querySelector(".flowchart-diagram-label-box").getBBox()))
              out.push(`${g.dataset.from} ${g.dataset.answer}`);
          }
          return out;
        }"""
    )
    assert page.locator("[data-node]").count() == sum(len(c.nodes) for c in charts)
    assert overflowing == []
