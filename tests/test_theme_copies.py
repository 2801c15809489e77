"""Our copies of Material's templates cannot drift from the installed
originals in silence (scripts/theme_copies.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT

import theme_copies


def test_every_copy_is_materials_original_plus_the_recorded_change() -> None:
    assert theme_copies.check() == []


def test_no_template_names_a_library_version() -> None:
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "mkdocs-material-" not in text and theme_copies.material_version() not in text, template


@pytest.fixture
def material_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    templates = tmp_path / "material"
    for copy in theme_copies.COPIES:
        (templates / copy.original).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(theme_copies.MATERIAL_TEMPLATES / copy.original, templates / copy.original)
    monkeypatch.setattr(theme_copies, "MATERIAL_TEMPLATES", templates)
    return templates


def test_a_change_in_materials_original_names_our_copy(material_copy: Path) -> None:
    header = material_copy / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8").replace('data-md-component="header"', 'data-md-component="header" data-new'), encoding="utf-8")
    problems = theme_copies.check()
    assert len(problems) == 1
    assert problems[0].startswith("overrides/partials/header.html: Material's original partials/header.html changed in the installed mkdocs-material ")


def test_a_change_in_the_block_we_copied_names_main_html(material_copy: Path) -> None:
    base = material_copy / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="utf-8">\n      <meta name="new">'), encoding="utf-8")
    assert [p.split(":")[0] for p in theme_copies.check()] == ["overrides/main.html"]


def test_an_unrecorded_edit_of_our_copy_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(theme_copies.RECORDS, project / "tests" / "theme_copies")
    toc = project / "overrides" / "partials" / "toc.html"
    toc.write_text(toc.read_text(encoding="utf-8").replace("md-nav--secondary", "md-nav--secondary extra"), encoding="utf-8")
    monkeypatch.setattr(theme_copies, "ROOT", project)
    monkeypatch.setattr(theme_copies, "RECORDS", project / "tests" / "theme_copies")
    problems = theme_copies.check()
    assert problems == [
        "overrides/partials/toc.html differs from Material's partials/toc.html by more than the change recorded in "
        "tests/theme_copies/toc.html.diff: if the new change is intended, run python scripts/theme_copies.py --write."
    ]
