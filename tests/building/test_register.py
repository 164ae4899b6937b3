"""The register of law and guidance (law-and-guidance.yml): checked like the charts, the source of
the "law and guidance this site follows" page and the timeline, the reason a page says it may be
out of date, and the guard that refuses a page presenting superseded law as current."""

import copy
import datetime
import re

import pytest
import yaml

from flowchart import load_chart
from sitebuild import register as law
from sitebuild import schemas
from sitebuild.chart_checks import ChartDefinitionError
from sitebuild.charts import compile_chart
from sitebuild.errors import BuildError
from sitebuild.register_pages import partial_date

from ..harness import REPO_ROOT, build_site

REGISTER = REPO_ROOT / "law-and-guidance.yml"


def shipped_data():
    return schemas.read_yaml(REGISTER)


def problems_of(tmp_path, change):
    data = shipped_data()
    change(data)
    path = tmp_path / "law-and-guidance.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        law.load_register(path)
    return caught.value.problems


def entry(data, entry_id):
    return next(e for e in data["entries"] if e["id"] == entry_id)


def index_of(data, entry_id):
    return next(i for i, e in enumerate(data["entries"]) if e["id"] == entry_id)


def test_the_shipped_register_is_sound_and_starts_with_its_schema_comment():
    register = law.load_register(REGISTER)
    assert len(register.entries) >= 40
    assert REGISTER.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/law-and-guidance.schema.json"
    )
    for entry_ in register.entries.values():
        assert entry_.checked <= register.as_at <= entry_.check_again_by, entry_.id
        if entry_.is_superseded:
            assert not register.replacement(entry_).is_superseded, entry_.id


WT = "working-together-2026"


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda d: entry(d, WT).update(staus="in-force"),
            "key 'entries[{i}] (working-together-2026).staus' is not a known key",
        ),
        (lambda d: entry(d, WT).pop("checked"), "key 'entries[{i}] (working-together-2026).checked' is missing"),
        (
            lambda d: entry(d, WT).update(status="current-ish"),
            "key 'entries[{i}] (working-together-2026).status' must be one of",
        ),
        (
            lambda d: entry(d, WT).update(check_again_by="2027-02-30"),
            "key 'entries[{i}] (working-together-2026).check_again_by' must be a real date",
        ),
        (
            lambda d: entry(d, WT).update(url="http://www.gov.uk/"),
            "key 'entries[{i}] (working-together-2026).url' must be the source's address",
        ),
        (
            lambda d: entry(d, WT).update(status="superseded"),
            "key 'entries[{i}] (working-together-2026).superseded_by' is missing",
        ),
        (
            lambda d: entry(d, "working-together-2023").update(superseded_by="working-together-2099"),
            "names 'working-together-2099', which is not an entry",
        ),
        (
            lambda d: entry(d, WT).update(superseded_by="working-together-2023"),
            "superseded_by' is only for status: superseded",
        ),
        (lambda d: entry(d, WT).update(check_again_by="2020-01-01"), "check_again_by' is before its 'checked' date"),
        (lambda d: d["entries"].append(copy.deepcopy(entry(d, WT))), "repeats the id of entries[{i}]"),
        (
            lambda d: entry(d, WT).update(id="Working Together"),
            "key 'entries[{i}] (Working Together).id' must be lower-case words joined by hyphens",
        ),
    ],
    ids=[
        "unknown key",
        "missing key",
        "bad status",
        "bad date",
        "not https",
        "no replacement",
        "unknown replacement",
        "replacement while current",
        "dates backwards",
        "duplicate id",
        "bad id",
    ],
)
def test_each_kind_of_mistake_is_refused_naming_the_file_and_key(tmp_path, change, message):
    expected = message.format(i=index_of(shipped_data(), WT))
    problems = problems_of(tmp_path, change)
    assert any(p.startswith("law-and-guidance.yml: ") and expected in p for p in problems), problems


def test_the_register_page_lists_every_entry_with_its_status_and_check_dates(built_site):
    register = law.load_register(REGISTER)
    page = (built_site / "about" / "law-and-guidance" / "index.html").read_text(encoding="utf-8")
    for entry_ in register.entries.values():
        match = re.search(rf'<h3 id="{entry_.id}">.*?</ul>', page, re.S)
        assert match, entry_.id
        block = match.group(0)
        assert law.STATUS_LABELS[entry_.status] in block
        assert f"check again by {entry_.check_again_by.day}" in block
    superseded = page.index('<h2 id="superseded-or-withdrawn')
    assert page.index('id="working-together-2023"') > superseded > page.index('id="working-together-2026"')


def test_the_timeline_is_the_registers_events_in_date_order(built_site):
    register = law.load_register(REGISTER)
    page = (built_site / "about" / "what-has-changed" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<tr><td><time datetime="([^"]*)">', page)
    events = register.timeline()
    assert shown == [event.date for event in events]
    for event in events:
        assert (event.when or partial_date(event.date)) in page


def test_references_render_the_entry_and_name_what_replaced_a_superseded_one(built_site):
    page = (built_site / "guidance" / "early-help-and-safeguarding" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="../../about/law-and-guidance/#working-together-2026">Working Together to Safeguard Children 2026</a>'
        in page
    )
    assert "data-law=" not in page


def test_no_page_of_the_shipped_site_says_it_may_be_out_of_date(built_site):
    # The register was checked on its as_at date, and no entry's check-again date has passed yet
    # on the day the tests are pinned to... or today, if that is earlier than every such date.
    register = law.load_register(REGISTER)
    if datetime.date.today() >= min(e.check_again_by for e in register.entries.values()):
        pytest.skip("an entry is due to be checked again: the stale-notice test below covers it")
    for page in built_site.rglob("index.html"):
        assert "This page may be out of date" not in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_pages_relying_on_an_entry_past_its_check_date_say_they_may_be_out_of_date(tmp_path):
    # Built as if on 1 February 2027: Working Together 2026 was due to be checked by 29 January.
    result = build_site(tmp_path / "site", env={"SITE_BUILD_DATE": "2027-02-01"})
    assert result.returncode == 0, result.stdout + result.stderr
    early_help = (tmp_path / "site" / "guidance" / "early-help-and-safeguarding" / "index.html").read_text(
        encoding="utf-8"
    )
    notice = re.search(r'<div class="admonition warning law-stale".*?</div>', early_help, re.S).group(0)
    assert "This page may be out of date" in notice
    assert 'href="../../about/law-and-guidance/#working-together-2026"' in notice
    assert "due to be checked by 29 January 2027" in notice
    signs = (tmp_path / "site" / "about" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert "law-stale" not in signs  # relies on no entry


@pytest.mark.slow
def test_the_build_refuses_a_page_presenting_superseded_guidance_as_current(repo_copy):
    docs = repo_copy / "docs" / "guidance"
    (docs / "injected.md").write_text(
        "---\nlast_reviewed: 2026-12-02\nsources:\n  - law: working-together-2026\n---\n\n# Injected\n\n"
        "The current statutory guidance is Working Together to Safeguard Children 2023, and schools follow "
        "KCSIE 2025. UK GDPR has six lawful bases.\n",
        encoding="utf-8",
    )
    (docs / "historical.md").write_text(
        "---\nlast_reviewed: 2026-12-02\nsources:\n  - law: working-together-2026\n---\n\n# Historical\n\n"
        '!!! info outdated "Out of date in the sources"\n\n    A local page still cites Working Together 2023.\n\n'
        '<span data-law="kcsie-2025"></span> applied until September 2026.\n',
        encoding="utf-8",
    )
    result = build_site(repo_copy / "out", cwd=repo_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Pages present superseded law or guidance as current" in output
    for name, entry_id in [
        ("Working Together to Safeguard Children 2023", "working-together-2023"),
        ("KCSIE 2025", "kcsie-2025"),
        ("six lawful bases", "uk-gdpr-article-6-before-2026"),
    ]:
        assert f"guidance/injected.md: names {name!r} ({entry_id})" in output, output
    assert "historical.md: names" not in output


@pytest.mark.slow
def test_a_source_naming_no_register_entry_fails_the_build_naming_the_page(repo_copy):
    page = repo_copy / "docs" / "guidance" / "consent.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("  - law: uk-gdpr\n", "  - law: uk-gdrp\n", 1), encoding="utf-8"
    )
    result = build_site(repo_copy / "out", cwd=repo_copy)
    assert result.returncode != 0
    assert (
        "guidance/consent.md: sources: names register entry 'uk-gdrp', which is not in law-and-guidance.yml"
        in result.stdout + result.stderr
    )


def chart_with(tmp_path, body):
    source = (REPO_ROOT / "flowchart" / "charts" / "when-and-how.yaml").read_text(encoding="utf-8")
    path = tmp_path / "when-and-how.yaml"
    path.write_text(
        source.replace("      Without a clear and legitimate purpose, do not share the information.", body),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '      See <span data-law="no-such-entry"></span>.',
            "node 'no-purpose': names register entry 'no-such-entry', which is not in law-and-guidance.yml",
        ),
        (
            "      Follow Working Together 2023.",
            "node 'no-purpose': names 'Working Together 2023' (working-together-2023), which the register marks superseded",
        ),
    ],
    ids=["unknown entry", "superseded entry"],
)
def test_a_chart_naming_a_missing_or_superseded_entry_is_refused_naming_the_node(tmp_path, body, message):
    with pytest.raises(ChartDefinitionError) as caught:
        compile_chart(chart_with(tmp_path, body))
    assert any(message in str(problem) for problem in caught.value.problems), caught.value.problems


def test_a_chart_page_lists_the_register_entries_its_chart_names(built_site):
    page = (built_site / "flowchart" / "lawful-basis" / "index.html").read_text(encoding="utf-8")
    sources = re.search(r'<aside class="provenance".*?</aside>', page, re.S).group(0)
    for title in ("Data (Use and Access) Act 2025", "Data Protection Act 2018, as amended"):
        assert title in sources


def test_the_duty_to_share_is_relied_on_only_once_the_register_says_it_is_in_force():
    # The lawful-basis chart states the duty's status from the register; while the duty is not
    # confirmed in force it asks nothing about it. If the register records it in force, the chart
    # must be reviewed: it should then ask whether the duty applies.
    duty = law.load_register(REGISTER).entries["duty-to-share-section-16la"]
    chart = load_chart("lawful-basis")
    body = " ".join(re.sub(r"<[^>]+>", " ", chart.node("bases").body_html).split())
    assert "section 16LA" in body and "so this chart does not rely on it" in body
    if duty.status == "in-force":
        pytest.fail("the register records the duty to share in force: review the lawful-basis chart")
    assert "not confirmed to be in force" in body
    assert all("16la" not in question.id for question in chart.questions)
