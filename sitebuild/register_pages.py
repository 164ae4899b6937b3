"""HTML and Markdown made from the register of law and guidance (sitebuild/register.py): references
in pages, the "Law and guidance this site follows" page, the "What has changed" timeline, and
the words for a page's sources and its "may be out of date" notice.

`root` is the relative path from a page to the site's root (or the chart content's marker).
"""

import datetime
import re
from html import escape

from flowchart.dates import MONTHS, long_date

from .errors import BuildError
from .markdown_text import markdown_text
from .register import STATUS_LABELS, VERIFIED_LABELS

REGISTER_PAGE = "about/law-and-guidance.md"
REGISTER_URL = "about/law-and-guidance/"
PLACEHOLDER = re.compile(r'<span data-law="([^"]*)"(?:\s+data-law-part="([^"]*)")?\s*>\s*</span>')
TIMELINE_PLACEHOLDER = re.compile(r"<div data-law-timeline\s*>\s*</div>")
# The date the register as a whole was last checked, in words: for a page that states the law
# "as at" a date (the printed quick reference).
AS_AT_PLACEHOLDER = re.compile(r"<span data-law-as-at\s*>\s*</span>")
PARTS = ("", "short", "status", "checked")

STATUS_PHRASES = {
    "in-force": "in force",
    "partly-in-force": "partly in force",
    "not-yet-in-force": "not yet in force",
    "commencement-unconfirmed": "not confirmed to be in force",
    "current": "current",
    "consultation": "a draft that has been consulted on",
    "withdrawn": "withdrawn",
}


class UnknownReference(BuildError):
    pass


def partial_date(text):
    """'2026-04-29' -> '29 April 2026'; '2026-03' -> 'March 2026'; '2026' -> '2026'."""
    parts = text.split("-")
    if len(parts) == 3:
        return long_date(datetime.date.fromisoformat(text))
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def entry_href(entry, root):
    return f"{root}{REGISTER_URL}#{entry.id}"


def status_phrase(entry, register, root=None):
    """The status as words for a sentence: 'in force since 5 February 2026', 'superseded by …'."""
    if entry.is_superseded and entry.superseded_by:
        replacement = register.replacement(entry)
        name = escape(replacement.name)
        linked = f'<a href="{escape(entry_href(replacement, root))}">{name}</a>' if root is not None else name
        return f"superseded by {linked}"
    phrase = STATUS_PHRASES[entry.status]
    return f"{phrase} {escape(entry.status_note)}" if entry.status_note else phrase


def reference(entry, register, root, part=""):
    """What `<span data-law="ID" data-law-part="PART"></span>` becomes."""
    if part == "status":
        return f'<span class="law-status">{status_phrase(entry, register, root)}</span>'
    if part == "checked":
        return f'<span class="law-checked">last checked {long_date(entry.checked)}</span>'
    name = entry.short_title if part == "short" and entry.short_title else entry.title
    link = f'<a href="{escape(entry_href(entry, root))}">{escape(name)}</a>'
    if entry.is_superseded:
        return f'<span class="law-ref">{link} ({status_phrase(entry, register, root)})</span>'
    return f'<span class="law-ref">{link}</span>'


def fill_references(html, register, root, used=None):
    """Replace every register reference in an HTML fragment; the ids used are added to `used`."""

    def fill(match):
        entry_id, part = match.group(1), match.group(2) or ""
        if entry_id not in register.entries:
            raise UnknownReference(f"names register entry {entry_id!r}, which is not in {register.file}")
        if part not in PARTS:
            raise UnknownReference(f"asks for part {part!r} of {entry_id!r} (parts: short, status, checked)")
        if used is not None:
            used.append(entry_id)
        return reference(register.entries[entry_id], register, root, part)

    return PLACEHOLDER.sub(fill, html)


def timeline_table(register, root):
    rows = []
    for event in register.timeline():
        when = escape(event.when or partial_date(event.date))
        text = escape(event.text)
        if event.entry:
            entry = register.entries[event.entry]
            text += (
                f' <a class="law-timeline__entry" href="{escape(entry_href(entry, root))}">({escape(entry.name)})</a>'
            )
        elif event.source:
            text += f' (<a href="{escape(event.source)}">source</a>)'
        rows.append(f'<tr><td><time datetime="{escape(event.date)}">{when}</time></td><td>{text}</td></tr>')
    return (
        '<div class="law-timeline history"><table><thead><tr><th scope="col">Date</th>'
        f'<th scope="col">Change</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def source_item(entry, register, part=None):
    """A page's `- law: ID` source (with an optional `part:`, such as "section 5"), as the
    provenance partial shows it."""
    return {
        "title": f"{entry.title}, {part}" if part else entry.title,
        **({"url": entry.url} if entry.url else {}),
        "note": f"{status_phrase(entry, register)}; last checked {long_date(entry.checked)}",
    }


def stale_notice(entries, root):
    """What a page relying on entries past their check-again date shows at its top."""
    return [
        {"name": entry.name, "due": long_date(entry.check_again_by), "href": entry_href(entry, root)}
        for entry in entries
    ]


# The register page


SECTIONS = (
    ("In force or current", ("in-force", "partly-in-force", "current")),
    ("Not yet in force, or not confirmed", ("not-yet-in-force", "commencement-unconfirmed")),
    ("Drafts", ("consultation",)),
    ("Superseded or withdrawn: shown for reference only", ("superseded", "withdrawn")),
)


def register_page(register):
    """Markdown for the page listing every entry, with front matter (it is a guidance page too)."""
    lines = [
        "---",
        f"last_reviewed: {register.as_at.isoformat()}",
        "sources:",
        f'  - title: "The register of law and guidance: {register.file} in this site\'s repository"',
        "---",
        "",
        "# Law and guidance this site follows",
        "",
        f"Every Act, regulation and piece of guidance this site relies on, as at "
        f"**{long_date(register.as_at)}**: what it is, whether it is in force, what the site uses it "
        "for, and when we last checked it against its source. Where we could confirm something "
        "only from copies or summaries, or only from a report, the entry says so. Check the source "
        "before you rely on it: the law changes, and this site is not legal advice.",
        "",
        "A page that relies on an entry past its *check again by* date says that it may be out of "
        "date. The dated changes are on [What has changed](what-has-changed.md).",
        "",
    ]
    for heading, statuses in SECTIONS:
        entries = [e for e in register.entries.values() if e.status in statuses]
        if not entries:
            continue
        section = '<div class="history" markdown>' if "superseded" in statuses else ""
        lines += [f"## {heading}", ""]
        if section:
            lines += [section, ""]
        for entry in entries:
            lines += _entry_lines(entry, register)
        if section:
            lines += ["</div>", ""]
    return "\n".join(lines) + "\n"


def _entry_lines(entry, register):
    if entry.is_superseded and entry.superseded_by:
        status = f"{STATUS_LABELS[entry.status]}: {status_phrase(entry, register, root='../../')}"
    else:
        status = STATUS_LABELS[entry.status] + (f" {escape(entry.status_note)}" if entry.status_note else "")
    facts = [
        ("Status", f"{status}. Confirmed: {VERIFIED_LABELS[entry.verified]}."),
        ("This site uses it for", escape(entry.used_for)),
        ("Published by", escape(entry.publisher)),
    ]
    if entry.dates:
        facts.append(
            (
                "Dates",
                escape("; ".join(f"{_DATE_LABELS[key]} {partial_date(value)}" for key, value in entry.dates.items())),
            )
        )
    if entry.note:
        facts.append(("Note", escape(entry.note)))
    source = f'<a href="{escape(entry.url)}">{escape(entry.url)}</a>' if entry.url else "no public address recorded"
    facts.append(("Source", source))
    facts.append(("Last checked", f"{long_date(entry.checked)}; check again by {long_date(entry.check_again_by)}"))
    items = "".join(f"<li><strong>{label}:</strong> {value}</li>" for label, value in facts)
    return [f"### {markdown_text(entry.title)} {{ #{entry.id} }}", "", f'<ul class="law-entry">{items}</ul>', ""]


_DATE_LABELS = {
    "made": "made",
    "published": "published",
    "royal_assent": "Royal Assent",
    "in_force": "in force from",
    "superseded": "replaced",
}
