"""A diagram of a whole chart, drawn at build time from the same definition the engine runs.

`render_diagram(chart)` returns an HTML fragment holding an inline SVG of the chart, laid out top
down; `render_text_alternative(chart)` returns the same chart as text, read in the same order.
Both are plain strings built with the standard library, so there is nothing to fetch or run in
the browser: the page only adds classes (`is-on-path`, `is-current`) to the groups marked with
`data-node` and `data-from`/`data-to`/`data-answer` to show the path taken.

The layout is a small layered ("Sugiyama") drawing, enough for charts of a few dozen nodes:

1. Layers: each node goes one layer below the lowest of its parents (longest path from the start).
2. Ranks: layer L is rank 2L; the odd rank below it carries the edge labels. An edge becomes a
   chain through every rank it crosses: a label box in the first odd rank, and zero-width
   "pass" points in the rest, so nothing is drawn across a box.
3. Order: each rank starts in the order its members are first reached from the start (answers
   in their defined order), then a few barycentre sweeps keep whichever order crosses least.
4. Position: boxes keep their order and spacing, and are pulled towards the mean of their
   neighbours above and below (an isotonic regression per rank), ending with parents centred
   over their children.
5. Edges leave a node's bottom edge and enter the next node's top edge at ports spread in the
   order of the other end, and run straight through the ranks and as curves across the gaps.

Text cannot be measured at build time, so it is wrapped using Helvetica/Arial widths with a
margin for wider system fonts. The drawing scrolls inside its own container when it is wider
than the page.
"""

from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

from flowchart.model import DECISION_LABELS

# Geometry, in CSS pixels (the SVG is drawn at its natural size).
FONT_SIZE = 14
LINE_HEIGHT = 18
NODE_WIDTH = 208
NODE_PAD_X = 12
NODE_PAD_Y = 10
LABEL_FONT_SIZE = 13
LABEL_HEIGHT = 20
LABEL_PAD_X = 6
GAP_BOXES = 28  # between two nodes side by side
GAP_SMALL = 14  # between anything else side by side
GAP_BELOW_NODES = 30  # from a rank of nodes down to its labels
GAP_BELOW_LABELS = 24  # from labels down to the next nodes
MARGIN = 14  # room round the drawing for the current node's ring
PORT_SPACING = 22
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
class Box:
    """One thing placed in a rank: a node, an edge's label, or a point an edge passes through."""

    key: tuple  # ("node", id) or ("edge", index, step)
    rank: int
    width: float
    height: float
    x: float = 0.0  # centre
    y: float = 0.0  # top
    up: list = field(default_factory=list)  # keys of neighbours in the rank above
    down: list = field(default_factory=list)  # keys of neighbours in the rank below

    @property
    def left(self):
        return self.x - self.width / 2

    @property
    def right(self):
        return self.x + self.width / 2

    @property
    def bottom(self):
        return self.y + self.height


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
    points: list  # (x, y) from the source's bottom edge to the arrow's tip on the target's top
    label_box: tuple  # (x, y, width, height) of the label, which the edge passes through


@dataclass
class Layout:
    width: float
    height: float
    nodes: dict  # node id -> NodeLayout, in reading order
    edges: list  # EdgeLayout, in the order of the questions (reading order) and their options


def layout_chart(chart):
    """Place every node and edge of `chart`; deterministic for a given chart."""
    reach = _first_reached(chart)
    layer = _layers(chart, reach)
    boxes, chains, node_lines = _build_boxes(chart, reach, layer)
    ranks = _initial_order(chart, boxes, reach)
    ranks = _reduce_crossings(ranks, boxes)
    _place_x(ranks, boxes)
    band_top, band_bottom = _place_y(ranks, boxes)
    return _finish(chart, ranks, boxes, chains, node_lines, band_top, band_bottom)


def _first_reached(chart):
    """Node ids in the order a breadth-first walk from the start first reaches them."""
    order, queue, seen = [], [chart.start], {chart.start}
    while queue:
        node_id = queue.pop(0)
        order.append(node_id)
        for option in getattr(chart.nodes[node_id], "options", ()):
            if option.next not in seen:
                seen.add(option.next)
                queue.append(option.next)
    order.extend(node_id for node_id in chart.nodes if node_id not in seen)  # not for valid charts
    return {node_id: index for index, node_id in enumerate(order)}


def _layers(chart, reach):
    """Longest-path layering: a node sits one layer below the lowest of its parents."""
    parents = {node_id: 0 for node_id in chart.nodes}
    for node in chart.nodes.values():
        for option in getattr(node, "options", ()):
            parents[option.next] += 1
    ready = sorted((n for n, count in parents.items() if count == 0), key=reach.get)
    layer = {n: 0 for n in ready}
    while ready:
        node_id = ready.pop(0)
        for option in getattr(chart.nodes[node_id], "options", ()):
            layer[option.next] = max(layer.get(option.next, 0), layer[node_id] + 1)
            parents[option.next] -= 1
            if parents[option.next] == 0:
                ready.append(option.next)
                ready.sort(key=reach.get)
    if len(layer) != len(chart.nodes):
        raise ValueError(f"chart {chart.id!r} has a cycle, so it cannot be drawn in layers")
    return layer


def _node_text(node, number):
    if node.kind == "question":
        return f"Question {number}", wrap(node.text, NODE_WIDTH - 2 * NODE_PAD_X)
    return decision_words(node.decision), wrap(node.title, NODE_WIDTH - 2 * NODE_PAD_X)


def decision_words(decision):
    return DECISION_LABELS.get(decision, decision.replace("-", " ").capitalize())


def _build_boxes(chart, reach, layer):
    boxes, chains, node_lines = {}, [], {}
    for node_id in sorted(chart.nodes, key=reach.get):
        node = chart.nodes[node_id]
        _, lines = _node_text(node, 0)  # numbers come later; they do not wrap
        height = 2 * NODE_PAD_Y + LINE_HEIGHT * (1 + len(lines))
        key = ("node", node_id)
        boxes[key] = Box(key, 2 * layer[node_id], NODE_WIDTH, height)
        node_lines[node_id] = lines
    for node_id in sorted(chart.nodes, key=reach.get):
        for option in getattr(chart.nodes[node_id], "options", ()):
            index = len(chains)
            chain = [("node", node_id)]
            for rank in range(2 * layer[node_id] + 1, 2 * layer[option.next]):
                key = ("edge", index, rank)
                if rank == 2 * layer[node_id] + 1:
                    width = text_width(option.label, LABEL_FONT_SIZE) + 2 * LABEL_PAD_X
                    boxes[key] = Box(key, rank, round(width), LABEL_HEIGHT)
                else:
                    boxes[key] = Box(key, rank, 0, 0)
                chain.append(key)
            chain.append(("node", option.next))
            for upper, lower in pairwise(chain):
                boxes[upper].down.append(lower)
                boxes[lower].up.append(upper)
            chains.append((node_id, option, chain))
    return boxes, chains, node_lines


def _initial_order(chart, boxes, reach):
    """Each rank in the order a breadth-first walk (answers in order) first reaches its boxes."""
    ranks = {}
    start = ("node", chart.start)
    others = (k for k, b in boxes.items() if k[0] == "node" and not b.up and k != start)
    roots = [start] + sorted(others, key=lambda k: reach[k[1]])
    queue, seen = list(roots), set(roots)
    while queue:
        key = queue.pop(0)
        ranks.setdefault(boxes[key].rank, []).append(key)
        for lower in boxes[key].down:
            if lower not in seen:
                seen.add(lower)
                queue.append(lower)
    return [ranks[r] for r in sorted(ranks)]


def _crossings_between(upper, lower, boxes):
    """How many pairs of edge segments cross between two adjacent ranks (boxes as points)."""
    below = {key: i for i, key in enumerate(lower)}
    segments = [(i, below[k]) for i, key in enumerate(upper) for k in boxes[key].down]
    total = 0
    for index, (a1, b1) in enumerate(segments):
        for a2, b2 in segments[index + 1 :]:
            if (a1 - a2) * (b1 - b2) < 0:
                total += 1
    return total


def _crossings(ranks, boxes):
    return sum(_crossings_between(upper, lower, boxes) for upper, lower in pairwise(ranks))


def _reduce_crossings(ranks, boxes, sweeps=6):
    """Barycentre sweeps, each followed by swapping neighbours while that helps; tried starting
    both downwards and upwards, keeping the best order seen (the first one on a tie, so a chart
    that needs no help keeps its natural order)."""
    best, best_crossings = [list(r) for r in ranks], _crossings(ranks, boxes)
    for directions in (("up", "down"), ("down", "up")):
        current = [list(r) for r in ranks]
        for _ in range(sweeps):
            if best_crossings == 0:
                return best
            for direction in directions:
                _barycentre_sweep(current, boxes, direction)
                _transpose(current, boxes)
                crossings = _crossings(current, boxes)
                if crossings < best_crossings:
                    best, best_crossings = [list(r) for r in current], crossings
    return best


def _barycentre_sweep(ranks, boxes, direction):
    """Reorder each rank by the mean position of its neighbours in the rank above ("up", going
    down the ranks) or below ("down", going up); boxes with no such neighbours stay put."""
    indices = range(1, len(ranks)) if direction == "up" else range(len(ranks) - 2, -1, -1)
    for r in indices:
        neighbour_rank = ranks[r - 1] if direction == "up" else ranks[r + 1]
        position = {key: i for i, key in enumerate(neighbour_rank)}

        def barycentre(item, position=position):
            i, key = item
            linked = getattr(boxes[key], direction)
            if not linked:
                return (i, i)
            return (sum(position[k] for k in linked) / len(linked), i)

        ranks[r] = [key for _, key in sorted(enumerate(ranks[r]), key=barycentre)]


def _transpose(ranks, boxes):
    def local(r):
        total = 0
        if r > 0:
            total += _crossings_between(ranks[r - 1], ranks[r], boxes)
        if r + 1 < len(ranks):
            total += _crossings_between(ranks[r], ranks[r + 1], boxes)
        return total

    improved = True
    while improved:
        improved = False
        for r, rank in enumerate(ranks):
            for i in range(len(rank) - 1):
                before = local(r)
                rank[i], rank[i + 1] = rank[i + 1], rank[i]
                if local(r) < before:
                    improved = True
                else:
                    rank[i], rank[i + 1] = rank[i + 1], rank[i]


def _gap(a, b):
    return GAP_BOXES if a.key[0] == "node" and b.key[0] == "node" else GAP_SMALL


def _fit_in_order(rank, boxes, targets, weights):
    """Centres as close as possible (least squares) to `targets`, keeping the rank's order and
    spacing: pool-adjacent-violators on the centres less their minimum offsets."""
    offsets = [0.0]
    for a, b in pairwise(rank):
        offsets.append(offsets[-1] + boxes[a].width / 2 + _gap(boxes[a], boxes[b]) + boxes[b].width / 2)
    blocks = []  # [weighted mean, weight, count]
    for target, offset, weight in zip(targets, offsets, weights, strict=True):
        blocks.append([target - offset, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            value, weight2, count = blocks.pop()
            merged = blocks[-1]
            total = merged[1] + weight2
            merged[0] = (merged[0] * merged[1] + value * weight2) / total
            merged[1] = total
            merged[2] += count
    values = [value for value, _, count in blocks for _ in range(count)]
    for key, value, offset in zip(rank, values, offsets, strict=True):
        boxes[key].x = value + offset


def _place_x(ranks, boxes, iterations=12):
    for rank in ranks:  # start packed from the left
        _fit_in_order(rank, boxes, [0.0] * len(rank), [1.0] * len(rank))

    def sweep(rank_order, directions):
        for r in rank_order:
            rank = ranks[r]
            targets, weights = [], []
            for key in rank:
                box = boxes[key]
                linked = [k for d in directions for k in getattr(box, d)]
                if linked:
                    targets.append(sum(boxes[k].x for k in linked) / len(linked))
                    # Edges' pass points pull hard, so long edges run straight.
                    weights.append(len(linked) * (1.0 if key[0] == "node" else 4.0))
                else:
                    targets.append(box.x)
                    weights.append(0.01)
            _fit_in_order(rank, boxes, targets, weights)

    down, up = range(1, len(ranks)), range(len(ranks) - 2, -1, -1)
    for _ in range(iterations):
        sweep(down, ("up",))
        sweep(up, ("down",))
        sweep(range(len(ranks)), ("up", "down"))
    sweep(up, ("down",))  # finally, parents centred over their children
    _straighten(ranks, boxes)
    left = min(boxes[key].left for rank in ranks for key in rank)
    for rank in ranks:
        for key in rank:
            boxes[key].x = round(boxes[key].x - left + MARGIN)


def _straighten(ranks, boxes):
    """Run each long edge straight down through the ranks it crosses, where there is room."""
    rank_of = {key: (r, i) for r, rank in enumerate(ranks) for i, key in enumerate(rank)}
    chains = {}
    for key in sorted((k for k in boxes if k[0] == "edge"), key=lambda k: (k[1], k[2])):
        chains.setdefault(key[1], []).append(key)
    for keys in chains.values():
        if len(keys) < 2:
            continue
        for candidate in [boxes[keys[0]].x] + [boxes[k].x for k in keys[1:]]:
            if all(_fits(ranks, boxes, rank_of[k], candidate) for k in keys):
                for k in keys:
                    boxes[k].x = candidate
                break


def _fits(ranks, boxes, where, x):
    r, i = where
    box = boxes[ranks[r][i]]
    if i > 0:
        left = boxes[ranks[r][i - 1]]
        if x - box.width / 2 < left.right + _gap(left, box):
            return False
    if i + 1 < len(ranks[r]):
        right = boxes[ranks[r][i + 1]]
        if x + box.width / 2 > right.left - _gap(box, right):
            return False
    return True


def _place_y(ranks, boxes):
    band_top, band_bottom, y = [], [], MARGIN
    for index, rank in enumerate(ranks):
        height = max(boxes[key].height for key in rank)
        band_top.append(y)
        band_bottom.append(y + height)
        for key in rank:
            box = boxes[key]
            box.y = y if key[0] == "node" else y + (height - box.height) / 2
        y += height + (GAP_BELOW_NODES if index % 2 == 0 else GAP_BELOW_LABELS)
    return band_top, band_bottom


def _ports(box, ends, boxes):
    """x of each end's port along a node's edge, spread in the order of the far ends' x."""
    order = sorted(range(len(ends)), key=lambda i: (boxes[ends[i]].x, i))
    spacing = min(PORT_SPACING, (box.width - 2 * NODE_PAD_X) / max(1, len(ends) - 1))
    ports = {}
    for slot, i in enumerate(order):
        ports[i] = box.x + (slot - (len(ends) - 1) / 2) * spacing
    return ports


def _finish(chart, ranks, boxes, chains, node_lines, band_top, band_bottom):
    rank_index = {boxes[rank[0]].rank: i for i, rank in enumerate(ranks)}
    reading = [key[1] for rank in ranks for key in rank if key[0] == "node"]
    numbers, counts = {}, {"question": 0, "outcome": 0}
    for node_id in reading:
        kind = chart.nodes[node_id].kind
        counts[kind] += 1
        numbers[node_id] = counts[kind]

    nodes = {}
    for node_id in reading:
        node, box = chart.nodes[node_id], boxes[("node", node_id)]
        heading, _ = _node_text(node, numbers[node_id])
        nodes[node_id] = NodeLayout(
            id=node_id,
            kind=node.kind,
            decision=getattr(node, "decision", ""),
            heading=heading,
            lines=node_lines[node_id],
            number=numbers[node_id],
            x=box.left,
            y=box.y,
            width=box.width,
            height=box.height,
        )

    out_ports, in_ports = {}, {}
    for key, box in boxes.items():
        if key[0] == "node":
            out_ports[key] = _ports(box, box.down, boxes)
            in_ports[key] = _ports(box, box.up, boxes)
    out_used, in_used = {}, {}
    edges = []
    for source, option, chain in sorted(chains, key=lambda c: (reading.index(c[0]), 0)):
        first, last = boxes[chain[0]], boxes[chain[-1]]
        slot = out_used.setdefault(chain[0], 0)
        out_used[chain[0]] += 1
        start_x = out_ports[chain[0]][slot]
        in_slot = _slot_of(last, chain[-2], in_used)
        end_x = in_ports[chain[-1]][in_slot]
        points = [(start_x, first.bottom), (start_x, band_bottom[rank_index[first.rank]])]
        for key in chain[1:-1]:
            box, r = boxes[key], rank_index[boxes[key].rank]
            points += [(box.x, band_top[r]), (box.x, band_bottom[r])]
        points.append((end_x, last.y))
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        label = boxes[chain[1]]
        edges.append(
            EdgeLayout(
                source=source,
                target=option.next,
                answer=option.answer,
                label=option.label,
                points=points,
                label_box=(label.left, label.y, label.width, label.height),
            )
        )
    width = max(box.right for box in boxes.values()) + MARGIN
    height = max(box.bottom for box in boxes.values()) + MARGIN
    return Layout(width=round(width), height=round(height), nodes=nodes, edges=edges)


def _slot_of(box, upper_key, used):
    """Which of `box`'s in-ports the edge arriving from `upper_key` takes."""
    index = [i for i, k in enumerate(box.up) if k == upper_key]
    taken = used.setdefault(box.key, set())
    for i in index:
        if i not in taken:
            taken.add(i)
            return i
    raise AssertionError("every edge has its own port")


# ---------------------------------------------------------------------------------------------
# SVG


def _n(value):
    """A coordinate as short, stable text."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _edge_path(points):
    """Straight through the ranks, a vertical-tangent curve across each gap between them."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{_n(x0)} {_n(y0)}"]
    previous = points[0]
    for index, (x, y) in enumerate(rest):
        if index == len(rest) - 1:
            y -= ARROW_LENGTH - 1  # stop under the arrowhead
        px, py = previous
        if px == x:
            parts.append(f"V{_n(y)}")
        else:
            middle = (py + y) / 2
            parts.append(f"C{_n(px)} {_n(middle)} {_n(x)} {_n(middle)} {_n(x)} {_n(y)}")
        previous = (x, y)
    return "".join(parts)


def _arrow(x, y):
    return (
        f"M{_n(x - ARROW_HALF_WIDTH)} {_n(y - ARROW_LENGTH)}"
        f"L{_n(x + ARROW_HALF_WIDTH)} {_n(y - ARROW_LENGTH)}L{_n(x)} {_n(y)}Z"
    )


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
    tip_x, tip_y = edge.points[-1]
    lx, ly, lw, lh = edge.label_box
    return (
        f'<g class="flowchart-diagram-edge" data-from="{escape(edge.source)}" '
        f'data-to="{escape(edge.target)}" data-answer="{escape(edge.answer)}">'
        f'<path class="flowchart-diagram-line" d="{_edge_path(edge.points)}"/>'
        f'<path class="flowchart-diagram-arrow" d="{_arrow(tip_x, tip_y)}"/>'
        f'<rect class="flowchart-diagram-label-box" x="{_n(lx)}" y="{_n(ly)}" width="{_n(lw)}" '
        f'height="{_n(lh)}" rx="4"/>'
        f'<text class="flowchart-diagram-label" x="{_n(lx + lw / 2)}" y="{_n(ly + lh * 0.72)}" '
        f'text-anchor="middle">{escape(edge.label)}</text>'
        "</g>"
    )


def diagram_ids(chart):
    """Element ids the diagram uses. `__` never occurs in chart or node ids, so they cannot clash
    with the text alternative's `CHART--NODE` anchors or the engine's `CHART-NODE-…` ids."""
    return {
        "title": f"{chart.id}__diagram-title",
        "desc": f"{chart.id}__diagram-desc",
        "text": f"{chart.id}__text",
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
    return f"{chart.id}--{node_id}"


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
