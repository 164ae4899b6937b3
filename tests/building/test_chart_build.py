"""A broken chart definition fails the build with a message naming the file and the node."""

from pathlib import Path

import pytest

from sitebuild.chart_checks import ChartDefinitionError
from sitebuild.charts import compile_all, compile_chart

from ..harness import build_site

REPO_ROOT = Path(__file__).resolve().parents[2]
GOOD_CHART = REPO_ROOT / "flowchart" / "charts" / "when-and-how.yaml"


def write_chart(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(replacement_pairs):
    text = GOOD_CHART.read_text(encoding="utf-8")
    for old, new in replacement_pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def problems(path):
    with pytest.raises(ChartDefinitionError) as error:
        compile_chart(path)
    return [str(p) for p in error.value.problems]


def test_the_shipped_charts_compile(tmp_path):
    compiled = compile_all(out_dir=tmp_path)
    assert "when-and-how" in compiled
    assert (tmp_path / "when-and-how.json").is_file()


def test_yaml_syntax_errors_name_the_file_and_line(tmp_path):
    path = write_chart(tmp_path, "when-and-how.yaml", broken([("start: purpose", "start: [purpose")]))
    (message,) = problems(path)
    assert str(path) in message and "YAML error, line" in message


def test_links_to_missing_pages_name_the_node(tmp_path):
    path = write_chart(tmp_path, "when-and-how.yaml", broken([("~/guidance/consent.md", "~/guidance/nowhere.md")]))
    assert problems(path) == [f"{path}: node 'consent': link to 'guidance/nowhere.md': no such page in docs/"]


def test_missing_snippets_name_the_node(tmp_path):
    path = write_chart(
        tmp_path, "when-and-how.yaml", broken([('"flowchart/how-to-share.md"', '"flowchart/missing.md"')])
    )
    (message,) = problems(path)
    assert message.startswith(f"{path}: node 'share-with-consent': cannot render Markdown")


def test_problems_in_several_files_are_reported_together(tmp_path):
    write_chart(tmp_path, "one.yaml", "id: one\n")
    write_chart(tmp_path, "two.yaml", "id: [\n")
    with pytest.raises(ChartDefinitionError) as error:
        compile_all(source_dir=tmp_path, out_dir=tmp_path / "out")
    files = {Path(p.file).name for p in error.value.problems}
    assert files == {"one.yaml", "two.yaml"}
    assert not (tmp_path / "out").exists()


def test_mkdocs_build_fails_naming_the_chart_file_and_node(repo_copy):
    chart = repo_copy / "flowchart" / "charts" / "when-and-how.yaml"
    chart.write_text(broken([("next: share-with-consent", "next: share-with-consnet")]), encoding="utf-8")
    result = build_site(repo_copy / "out", cwd=repo_copy)
    assert result.returncode != 0
    assert (
        "flowchart/charts/when-and-how.yaml: node 'consent': answer 'yes' leads to unknown node 'share-with-consnet'"
        in result.stderr + result.stdout
    )
