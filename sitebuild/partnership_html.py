"""The partnership's local details as HTML: contact tables, the urgent panel's numbers, the
contacts page and the other fragments a page asks for with `<div data-partnership="NAME"></div>`
(or a `<span>` for inline text such as the name); see BLOCKS for the names. The settings come from
sitebuild/partnership.py, already checked. `root` is the relative path from the page to the
site's root.
"""

import re
from html import escape

from flowchart.dates import long_date

from .errors import BuildError


def tel_link(phone):
    digits = re.sub(r"[^0-9+]", "", phone)
    return f'<a href="tel:{escape(digits)}">{escape(phone.strip())}</a>'


def _number(contact):
    """'0300 123 4567 (option 3)': the number to tap and what to choose, without the hours."""
    return tel_link(contact["phone"]) + (f" ({escape(contact['note'])})" if contact.get("note") else "")


def contact_text(contact):
    """'0300 123 4567 (option 3), Monday to Friday 9am to 5pm' with the number as a tel: link."""
    text = tel_link(contact["phone"])
    if contact.get("note"):
        text += f" ({escape(contact['note'])})"
    if contact.get("hours"):
        text += f", {escape(contact['hours'])}"
    return text


def _link(url, text):
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def _email(address):
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def _email_and_website(entry):
    """', address@example.org (website)' for whichever of the two an entry has."""
    text = f", {_email(entry['email'])}" if entry.get("email") else ""
    return text + (f" ({_link(entry['url'], 'website')})" if entry.get("url") else "")


def _marked_as_example(caption):
    """A table caption that says its numbers are the fictional examples."""
    return f"{caption} (example numbers: check before publishing)"


def example_notice(settings):
    if settings["status"] != "example":
        return ""
    return (
        '<div class="admonition warning partnership-example" role="note">'
        '<p class="admonition-title">Example contact details: check before publishing</p>'
        "<p>These local details are examples from this site's settings file and the telephone "
        "numbers are fictional. Do not use them. A partnership publishing this site replaces "
        "them in <code>partnership.yml</code> and sets <code>status: published</code>.</p></div>"
    )


def front_doors_table(settings, caption=None):
    """One row per area: its front door, daytime and out of hours."""
    rows = "".join(
        "<tr>"
        f'<th scope="row">{escape(area["name"])}</th>'
        f"<td>{escape(area['front_door']['name'])}: {contact_text(area['front_door']['daytime'])}</td>"
        f"<td>{contact_text(area['front_door']['out_of_hours'])}</td>"
        "</tr>"
        for area in settings["areas"]
    )
    if settings["status"] == "example":
        caption = _marked_as_example(caption or "Front doors")
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        # No class on the table itself: Material styles only tables without one.
        f'<div class="partnership-front-doors"><table>{caption}<thead><tr><th scope="col">Area</th>'
        '<th scope="col">Children\'s social care front door (daytime)</th>'
        '<th scope="col">Out of hours</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def family_help_table(settings, root):
    """One row per area: who to ask about family help (early help), for the contacts page and the
    chart outcomes about family help or being unsure."""
    rows = []
    for area in settings["areas"]:
        team = area["family_help"]
        cell = f"{escape(team['name'])}: {contact_text(team)}{_email_and_website(team)}"
        rows.append(f'<tr><th scope="row">{escape(area["name"])}</th><td>{cell}</td></tr>')
    caption = f"Family help (early help) in {settings['name']}"
    if settings["status"] == "example":
        caption = _marked_as_example(caption)
    return (
        f'<div class="partnership-family-help"><table><caption>{escape(caption)}</caption><thead><tr>'
        '<th scope="col">Area</th><th scope="col">Family help team: advice and requests for help</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def urgent_contacts(settings, root, summary="Front door numbers for each area", lead=""):
    """The short form for the urgent panel above every chart and on the home page: each area's
    front door, daytime and out of hours, as numbers to tap, behind one tap, so that on a phone the
    urgent message and the page's first question both fit on the first screen. The full table,
    with opening hours, is one step further, on the contacts page. `lead` is HTML put before the
    numbers, `summary` the words to tap."""
    items = "".join(
        f"<li><strong>{escape(area['name'])}</strong>: {escape(area['front_door']['name'])} "
        f"{_number(area['front_door']['daytime'])}; out of hours {_number(area['front_door']['out_of_hours'])}</li>"
        for area in settings["areas"]
    )
    label = f"Children's social care front doors in {settings['name']}"
    if settings["status"] == "example":
        label = _marked_as_example(label)
    return (
        f'<details class="partnership-urgent-numbers"><summary>{escape(summary)}</summary>{lead}'
        f'<p class="partnership-urgent-label">{escape(label)}:</p>'
        f'<ul class="partnership-urgent-list">{items}</ul>'
        f"<p>Police non-emergency: {tel_link(settings['police_non_emergency']['phone'])}. "
        f'<a href="{escape(root)}contacts/">All local contacts, with opening hours</a>.</p></details>'
    )


def urgent_table(settings):
    """Every area's front door in full, with the police and the LADO: for the printed quick
    reference, where nothing can be behind a tap."""
    return front_doors_table(settings, caption=f"Children's social care front doors in {settings['name']}") + (
        f"<p>Police non-emergency: {tel_link(settings['police_non_emergency']['phone'])}. "
        f"About an allegation against someone who works with children: the LADO, {tel_link(settings['lado']['phone'])}.</p>"
    )


def advice_contacts(settings, root):
    """For outcomes: who to ask locally. `root` may be the chart content's site-root marker."""
    advice = settings["data_protection_advice"]
    items = [
        f"For data protection advice: {escape(advice['text'])}"
        + (f", {tel_link(advice['phone'])}" if advice.get("phone") else "")
        + (f", {_email(advice['email'])}" if advice.get("email") else "")
        + (f" ({_link(advice['url'], 'website')})" if advice.get("url") else "")
        + ".",
        f"About an allegation against someone who works with children: the LADO, {tel_link(settings['lado']['phone'])}.",
        f'The front door for the child\'s area, and the out of hours service: see <a href="{escape(root)}contacts/">'
        f"local contacts in {escape(settings['name'])}</a>.",
        f"{_link(settings['local_procedures']['url'], settings['local_procedures']['title'])}.",
    ]
    return (
        f'<div class="partnership-advice"><p>In {escape(settings["name"])}:</p><ul>'
        + "".join(f"<li>{item}</li>" for item in items)
        + "</ul></div>"
    )


def contacts_page(settings, root):
    """Everything local, for the contacts page."""
    lado = settings["lado"]
    advice = settings["data_protection_advice"]
    owner = settings["content_owner"]
    parts = [example_notice(settings), '<h2 id="front-doors">Children\'s social care front doors</h2>']
    parts.append(
        "<p>Contact the front door for the area where the child lives if you are worried about a "
        "child. If a child is in immediate danger, call 999.</p>"
    )
    parts.append(front_doors_table(settings))
    for area in settings["areas"]:
        door = area["front_door"]
        extra = []
        if door.get("email"):
            extra.append(f"email {_email(door['email'])}")
        if door.get("url"):
            extra.append(_link(door["url"], f"{door['name']} website"))
        if area.get("lado"):
            extra.append(f"LADO for {escape(area['name'])}: {contact_text(area['lado'])}")
        if extra:
            parts.append(f"<p>{escape(area['name'])}: {'; '.join(extra)}.</p>")
    parts.append('<h2 id="family-help">Family help (early help)</h2>')
    parts.append(
        "<p>For advice about support a family may need, and to ask for family help with the family's "
        "agreement. If you are worried a child may be harmed, contact the front door instead.</p>"
    )
    parts.append(family_help_table(settings, root))
    parts.append('<h2 id="police">Police</h2>')
    parts.append(
        f"<p>In an emergency, call 999. Police non-emergency: {contact_text(settings['police_non_emergency'])}.</p>"
    )
    parts.append('<h2 id="lado">Allegations against people who work with children (LADO)</h2>')
    parts.append(f"<p>{escape(lado['name'])}: {tel_link(lado['phone'])}{_email_and_website(lado)}.</p>")
    parts.append('<h2 id="data-protection-advice">Data protection advice</h2>')
    parts.append(f"<p>Ask {escape(advice['text'])}")
    if advice.get("phone"):
        parts.append(f", {tel_link(advice['phone'])}")
    if advice.get("email"):
        parts.append(f", {_email(advice['email'])}")
    parts.append(f" ({_link(advice['url'], 'website')})." if advice.get("url") else ".")
    parts.append("</p>")
    parts.append('<h2 id="local-procedures">Local procedures</h2>')
    parts.append(
        f"<p>{_link(settings['local_procedures']['url'], settings['local_procedures']['title'])}. "
        "Where they differ from this site, follow your local procedures.</p>"
    )
    parts.append('<h2 id="about-these-details">About these details</h2>')
    owner_text = escape(owner["name"])
    if owner.get("email"):
        owner_text += f" ({_email(owner['email'])})"
    parts.append(
        f'<p>These contacts were last checked on <time datetime="{settings["contacts_last_checked"]}">'
        f"{long_date(settings['contacts_last_checked'])}</time>. The site's content is owned by "
        f"{owner_text}. Numbers change: if one is wrong, tell the content owner.</p>"
    )
    return "".join(parts)


def partnership_name(settings, root):
    return escape(settings["name"])


def repository_link(settings, root):
    return _link(settings["source"]["repository"], settings["source"]["repository"])


def source_details(settings, root):
    """Where this copy's source is kept and who maintains it, for the publish page."""
    source = settings["source"]
    maintainer = escape(source["maintainer"]) + _email_and_website(source)
    return (
        f"<p>This copy of the site is kept at {repository_link(settings, root)} and maintained by "
        f"{maintainer}. Ask them about anything on the site that is wrong or missing.</p>"
    )


def procedures_link(settings, root):
    return _link(settings["local_procedures"]["url"], settings["local_procedures"]["title"])


# The fragments a page can ask for, by placeholder name.
BLOCKS = {
    "name": partnership_name,
    "example-notice": lambda settings, root: example_notice(settings),
    "front-doors": urgent_contacts,
    "front-doors-table": lambda settings, root: urgent_table(settings),
    "family-help": family_help_table,
    "advice": advice_contacts,
    "contacts": contacts_page,
    "procedures": procedures_link,
    "repository": repository_link,
    "source": source_details,
}
# A block placeholder written inside an admonition or a list reaches the page wrapped in a
# paragraph of its own; that paragraph is taken with it, since a block inside <p> is invalid HTML.
PLACEHOLDER = re.compile(r'(<p>\s*)?<(div|span) data-partnership="([^"]*)"\s*>\s*</\2>(\s*</p>)?')


class UnknownBlock(BuildError):
    pass


def fill_placeholders(html, settings, root):
    """Replace every partnership placeholder in an HTML fragment."""

    def fill(match):
        opening, tag, name, closing = match.groups()
        if name not in BLOCKS:
            raise UnknownBlock(f"unknown partnership placeholder {name!r} (known: {', '.join(BLOCKS)})")
        content = BLOCKS[name](settings, root)
        if tag == "div":
            return content if opening and closing else f"{opening or ''}{content}{closing or ''}"
        return f'{opening or ""}<span class="partnership-{name}">{content}</span>{closing or ""}'

    return PLACEHOLDER.sub(fill, html)
