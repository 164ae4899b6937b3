"""Content checks on the built site: every required topic is present (so nothing is silently
dropped), every guidance page shows its sources and review date, the abbreviations and the
glossary come from one file, and the provenance hook rejects a page without provenance."""

import datetime
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from flowchart.dates import long_date
from hooks import glossary, provenance

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS = REPO_ROOT / "docs"

GUIDANCE_PAGES = sorted(
    path.relative_to(DOCS).as_posix()
    for path in DOCS.rglob("*.md")
    if not path.relative_to(DOCS).as_posix().startswith("flowchart/")
)

# (page source, phrase that must appear in its rendered text). One or more rows per topic in
# the issue, plus the corrections the site makes to its seed documents.
REQUIRED = [
    # Home
    ("index.md", "call 999"),
    ("index.md", "your local children's social care front door"),
    ("index.md", "designated safeguarding lead"),
    ("index.md", "A child has told me something"),
    ("index.md", "Can I share this?"),
    ("index.md", "Early help or safeguarding?"),
    ("index.md", "applies to England"),
    ("index.md", "not legal advice"),
    ("index.md", "Follow your local procedures"),
    ("index.md", "Who it is for"),
    # Why sharing matters
    ("guidance/why-sharing-matters.md", "serious case reviews"),
    ("guidance/why-sharing-matters.md", "child safeguarding practice reviews"),
    ("guidance/why-sharing-matters.md", "Munro"),
    ("guidance/why-sharing-matters.md", "Lord Laming"),
    ("guidance/why-sharing-matters.md", "Every practitioner's own responsibility"),
    # The law
    ("law/index.md", "Children Act 1989"),
    ("law/index.md", "Children Act 2004, sections 10 and 11"),
    ("law/index.md", "Crime and Disorder Act 1998, section 115"),
    ("law/index.md", "power (not a duty)"),
    ("law/index.md", "Health and Social Care (Safety and Quality) Act 2015, section 3"),
    ("law/index.md", "does not apply where the person objects"),
    ("law/index.md", "Local Government Act 1972, section 111, and Localism Act 2011, section 1"),
    ("law/index.md", "National Health Service Act 2006, section 82"),
    ("law/index.md", "Children's Wellbeing and Schools Act 2026, section 4"),
    ("law/index.md", "has not confirmed that the duty is in force"),
    ("law/index.md", "now applies to councils in Wales only"),
    ("law/index.md", "counter-fraud investigations"),
    ("law/index.md", "Mental Capacity Act 2005"),
    ("law/index.md", "Care Act 2014"),
    ("law/index.md", "Education Act 2002, section 175, and the Independent School Standards"),
    ("law/index.md", "Human Rights Act 1998 and Article 8 ECHR"),
    ("law/index.md", "Common law duty of confidentiality"),
    ("law/legislation.md", "Section 11"),
    ("law/legislation.md", "Section 10"),
    ("law/legislation.md", "Local Safeguarding Children Boards"),
    ("law/legislation.md", "integrated care board"),
    ("law/legislation.md", "Probation Service on 26 June 2021"),
    ("law/legislation.md", "Section 175"),
    ("law/legislation.md", "The Independent School Standards"),
    ("law/legislation.md", "The duty to share: Children's Wellbeing and Schools Act 2026"),
    ("law/legislation.md", "more detrimental to the child than not sharing"),
    ("law/legislation.md", "The Act does not name the identifier"),
    ("law/legislation.md", "Status as at 2 December 2026"),
    ("law/legislation.md", "section 47(9) to (11)"),
    ("law/data-protection.md", "Article 6"),
    ("law/data-protection.md", "Article 9"),
    ("law/data-protection.md", "Schedule 1, Part 2, paragraph 18"),
    ("law/data-protection.md", "data protection impact assessment"),
    ("law/data-protection.md", "recognised legitimate interests"),
    ("law/data-protection.md", "5 February 2026"),
    ("law/data-protection.md", "the UK GDPR has seven lawful bases"),
    (
        "law/data-protection.md",
        "cannot rely on recognised legitimate interests or on legitimate interests: the law says so",
    ),
    ("law/data-protection.md", "Annex 1, paragraph 6"),
    ("law/data-protection.md", "Annex 1, paragraph 1"),
    ("law/data-protection.md", "appropriate policy document"),
    ("law/data-protection.md", "Information about crimes or allegations"),
    ("law/data-protection.md", "not about sharing information to safeguard them"),
    ("law/data-protection.md", "Data sharing code of practice"),
    ("law/confidentiality-and-human-rights.md", "public interest test"),
    ("law/confidentiality-and-human-rights.md", "qualified"),
    ("law/legislation.md", "power, not a duty"),
    ("law/legislation.md", "Section 111"),
    ("law/legislation.md", "Section 82"),
    (
        "law/legislation.md",
        "Section 201, which some older guidance lists, concerns information obtained in NHS counter-fraud",
    ),
    ("law/legislation.md", "now applies only to councils in Wales"),
    ("law/legislation.md", "assumed to have capacity"),
    ("law/legislation.md", "transition to adult care and support"),
    # Other considerations
    ("law/other-considerations.md", "Right to ask"),
    ("law/other-considerations.md", "Right to know"),
    ("law/other-considerations.md", "section 77 of the Domestic Abuse Act 2021"),
    ("law/other-considerations.md", "since 2011"),
    ("law/other-considerations.md", "Child Sex Offender Disclosure Scheme"),
    ("law/other-considerations.md", "unaccompanied asylum-seeking child"),
    ("law/other-considerations.md", "eight Caldicott principles"),
    ("law/other-considerations.md", "Inform people"),
    # Consent
    ("guidance/consent.md", 'Three meanings of "consent"'),
    ("guidance/consent.md", "Consent must be unambiguous, freely given and may be withdrawn at any time"),
    ("guidance/consent.md", "When you do not need consent"),
    ("guidance/consent.md", "When not to seek consent"),
    # Golden rules
    ("guidance/golden-rules.md", "The 2018 and 2024 rules side by side"),
    ("guidance/golden-rules.md", "What changed in 2024"),
    ("guidance/golden-rules.md", "Protect identities"),
    ("guidance/golden-rules.md", "Seeking advice without identifying the person"),
    ("guidance/golden-rules.md", "a neighbour or a colleague"),
    # Principles
    ("guidance/principles.md", "Necessary and proportionate"),
    ("guidance/principles.md", "Relevant"),
    ("guidance/principles.md", "Adequate"),
    ("guidance/principles.md", "Accurate"),
    ("guidance/principles.md", "Timely"),
    ("guidance/principles.md", "Secure"),
    ("guidance/principles.md", "Record"),
    ("guidance/principles.md", "Retention and review"),
    # Early help, signs, schools
    ("guidance/early-help-and-safeguarding.md", "Early help: when a family needs support"),
    ("guidance/early-help-and-safeguarding.md", "When not to tell the family first"),
    ("guidance/early-help-and-safeguarding.md", "Working Together to Safeguard Children 2026"),
    ("guidance/early-help-and-safeguarding.md", "family help"),
    ("guidance/early-help-and-safeguarding.md", "When you are worried about harm, even if it is not significant harm"),
    ("guidance/early-help-and-safeguarding.md", "Agreeing to a service is not the lawful basis for sharing"),
    ("guidance/signs-of-abuse-and-neglect.md", "When a child tells you"),
    ("guidance/signs-of-abuse-and-neglect.md", "neglect"),
    ("guidance/schools.md", "Keeping children safe in education 2026"),
    ("guidance/schools.md", "Operation Encompass"),
    ("guidance/schools.md", "Checklist for schools and colleges"),
    # Recording
    ("guidance/recording.md", "Record every decision, whether or not you share"),
    ("guidance/recording.md", "Recording a disclosure"),
    ("guidance/recording.md", "Lawful basis"),
    ("guidance/recording.md", "who it was made to"),
    # Sharing securely
    ("guidance/sharing-securely.md", "In meetings"),
    ("guidance/sharing-securely.md", "In offices and public places"),
    ("guidance/sharing-securely.md", "By phone"),
    ("guidance/sharing-securely.md", "By post"),
    ("guidance/sharing-securely.md", "approved secure route"),
    ("guidance/sharing-securely.md", "NHSmail"),
    ("guidance/sharing-securely.md", "31 March 2020"),
    ("guidance/sharing-securely.md", "GCSx"),
    # Myths: every myth in the source documents
    ("guidance/myths.md", "Data protection law is a barrier to sharing information"),
    ("guidance/myths.md", "GDPR prevents or limits sharing to keep children safe"),
    ("guidance/myths.md", "You need consent to share personal information"),
    ("guidance/myths.md", "Information collected by one organisation cannot be given to another"),
    ("guidance/myths.md", "Confidentiality and human rights law prevent sharing"),
    ("guidance/myths.md", "IT systems are a barrier to sharing information"),
    ("guidance/myths.md", 'has no "No" answer'),
    # What has changed, resources, glossary, licence
    ("about/what-has-changed.md", "Working Together 2026"),
    ("about/what-has-changed.md", "KCSIE 2026"),
    ("about/what-has-changed.md", "The Children's Wellbeing and Schools Act 2026"),
    ("about/what-has-changed.md", "a seventh lawful basis"),
    ("about/law-and-guidance.md", "Law and guidance this site follows"),
    ("about/law-and-guidance.md", "Superseded or withdrawn: shown for reference only"),
    ("about/glossary.md", "One of the seven grounds in Article 6 of the UK GDPR"),
    ("about/glossary.md", "Family help"),
    ("about/glossary.md", "not a lawful basis under data protection law"),
    ("guidance/consent.md", "UK GDPR has seven lawful bases"),
    ("guidance/consent.md", "is not a lawful basis under UK GDPR"),
    ("about/what-has-changed.md", "The 2024 advice"),
    ("about/what-has-changed.md", "The Data (Use and Access) Act 2025"),
    ("about/what-has-changed.md", "Still to be confirmed"),
    ("about/resources.md", "10-step guide"),
    ("about/glossary.md", "Designated safeguarding lead"),
    ("about/licence.md", "Contains public sector information licensed under the Open Government Licence v3.0."),
    ("about/licence.md", "MIT licence"),
    ("about/licence.md", "not produced, approved or endorsed by the Department for Education"),
]

# Abbreviations the issue asks for; all must be in includes/abbreviations.md.
REQUIRED_ABBREVIATIONS = [
    "DSL",
    "MASH",
    "LADO",
    "CSC",
    "UK GDPR",
    "DPA",
    "DPIA",
    "DVDS",
    "CSODS",
    "MAPPA",
    "CP-IS",
    "ICB",
    "SCP",
    "LSCB",
    "ICO",
    "KCSIE",
]


def front_matter(src_uri):
    text = (DOCS / src_uri).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def built_page(site, src_uri):
    path = "index.html" if src_uri == "index.md" else src_uri[: -len(".md")].removesuffix("/index") + "/index.html"
    return (site / path).read_text(encoding="utf-8")


def article(page_html):
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S)
    assert match, "no article element"
    return match.group(1)


def text_of(fragment):
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()
    return re.sub(r" ([.,;:)])", r"\1", text)


def squash(text):
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize(("page", "phrase"), REQUIRED, ids=[f"{p}:{t[:30]}" for p, t in REQUIRED])
def test_required_topic_present(built_site, page, phrase):
    assert squash(phrase) in squash(text_of(article(built_page(built_site, page)))), (
        f"{page} no longer mentions {phrase!r}"
    )


@pytest.mark.parametrize("page", GUIDANCE_PAGES)
def test_page_shows_sources_and_review_date(built_site, page):
    body = article(built_page(built_site, page))
    match = re.search(r'<aside class="provenance".*?</aside>', body, re.S)
    assert match, f"{page} has no provenance block"
    block = match.group(0)
    assert re.search(r"<li>", block), f"{page} lists no sources"
    assert "Last reviewed: " in text_of(block)
    reviewed = front_matter(page)["last_reviewed"]
    assert f'<time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time>' in block


@pytest.mark.parametrize(
    "page",
    GUIDANCE_PAGES
    + ["flowchart/when-and-how.md", "flowchart/early-help-or-safeguarding.md", "flowchart/lawful-basis.md"],
)
def test_no_page_shows_the_repositorys_internal_source_labels(built_site, page):
    # The source documents were once called "seed 000" to "seed 004" in this repository; a reader
    # needs their titles, never those labels.
    assert not re.search(r"\bseeds? ?0\d\d\b", built_page(built_site, page), re.I)


@pytest.mark.parametrize("page", GUIDANCE_PAGES)
def test_page_has_one_h1_and_a_table_of_contents(built_site, page):
    body = article(built_page(built_site, page))
    assert len(re.findall(r"<h1\b", body)) == 1, f"{page} must have exactly one H1"
    assert re.search(r'<h2 id="(?!provenance-title)', body), f"{page} needs at least one ## heading"


@pytest.mark.parametrize("page", [p for p in GUIDANCE_PAGES if p.startswith(("guidance/", "law/"))])
def test_guidance_links_back_to_flowchart(built_site, page):
    assert re.search(r'href="(\.\./)+flowchart/when-and-how/"', built_page(built_site, page)), (
        f"{page} does not link to the flowchart"
    )


def test_home_links_to_flowchart(built_site):
    assert 'href="flowchart/when-and-how/"' in built_page(built_site, "index.md")


def test_flowchart_help_links_resolve(built_site):
    chart = (REPO_ROOT / "flowchart" / "charts" / "when-and-how.yaml").read_text(encoding="utf-8")
    targets = set(re.findall(r"\(~/([^)#]+\.md)", chart))
    assert targets, "the chart has no help links"
    for target in targets:
        assert (DOCS / target).is_file(), f"flowchart help links to missing page {target}"


def test_required_abbreviations_are_defined():
    terms = {term for term, _ in glossary.read_abbreviations()}
    assert not set(REQUIRED_ABBREVIATIONS) - terms


def test_glossary_page_lists_every_abbreviation(built_site):
    body = text_of(article(built_page(built_site, "about/glossary.md")))
    for term, meaning in glossary.read_abbreviations():
        assert squash(f"{term} {meaning}") in squash(body), f"glossary is missing {term}"


def test_abbreviations_are_tooltips_on_pages(built_site):
    meanings = dict(glossary.read_abbreviations())
    dsl = re.compile(rf'<abbr (?:tabindex="0" )?title="{re.escape(html.escape(meanings["DSL"]))}">DSL</abbr>')
    for page in ("index.md", "guidance/consent.md", "guidance/schools.md"):
        assert dsl.search(built_page(built_site, page)), f"no DSL tooltip on {page}"
    for page in GUIDANCE_PAGES:
        assert "<abbr " in built_page(built_site, page), f"no abbreviation tooltips on {page}"


def test_every_page_source_starts_with_front_matter_and_h1():
    for page in GUIDANCE_PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        assert text.startswith("---\n"), f"{page} has no front matter"
        body = text.split("\n---\n", 1)[1]
        assert body.lstrip().startswith("# "), f"{page} must start with a single # H1"
        assert len(re.findall(r"^# ", body, re.M)) == 1


# The provenance hook itself.

GOOD_META = {
    "last_reviewed": datetime.date(2026, 11, 21),
    "sources": [{"title": "A source", "url": "https://example.org/"}, {"title": "Seed", "note": "seed 001"}],
}


def test_hook_accepts_complete_provenance():
    assert provenance.provenance_problems(GOOD_META) == []


@pytest.mark.parametrize(
    "meta",
    [
        {"sources": GOOD_META["sources"]},
        {**GOOD_META, "last_reviewed": "21 November 2026"},
        {"last_reviewed": GOOD_META["last_reviewed"]},
        {**GOOD_META, "sources": []},
        {**GOOD_META, "sources": ["just a string"]},
        {**GOOD_META, "sources": [{"url": "https://example.org/"}]},
    ],
    ids=["no-date", "date-not-a-date", "no-sources", "empty-sources", "source-not-mapping", "source-no-title"],
)
def test_hook_rejects_incomplete_provenance(meta):
    assert provenance.provenance_problems(meta)


class FakeFile:
    def __init__(self, src_uri):
        self.src_uri = src_uri


class FakePage:
    def __init__(self, src_uri, meta):
        self.file = FakeFile(src_uri)
        self.meta = meta


def test_hook_names_the_page_it_rejects():
    with pytest.raises(PluginError, match=r"guidance/new-page\.md"):
        provenance.on_page_markdown("# New", FakePage("guidance/new-page.md", {}), {}, None)


def test_hook_exempts_flowchart_pages():
    assert provenance.on_page_markdown("# Chart", FakePage("flowchart/x.md", {}), {}, None) == "# Chart"


def test_build_fails_for_a_page_without_provenance(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guidance").mkdir(parents=True)
    (docs / "index.md").write_text(
        "---\nlast_reviewed: 2026-11-21\nsources:\n  - title: A source\n---\n\n# Home\n\n## Part\n",
        encoding="utf-8",
    )
    (docs / "guidance" / "orphan.md").write_text("# Orphan\n\n## Part\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: Provenance test\ndocs_dir: {docs}\nhooks:\n  - {REPO_ROOT / 'hooks' / 'provenance.py'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "guidance/orphan.md" in result.stdout + result.stderr
