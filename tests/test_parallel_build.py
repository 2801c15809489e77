"""The fast build (two language processes, merged) gives exactly the site the
plain one-process build gives, and ships nothing a reader never loads."""

from __future__ import annotations

import json
import re
import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL

sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402
import postprocess  # noqa: E402


def _build_with(setting: str, out: Path) -> Path:
    previous = os.environ.get("BUILD_PARALLEL")
    os.environ["BUILD_PARALLEL"] = setting
    try:
        build.build_into(out, SITE_URL)
    finally:
        if previous is None:
            del os.environ["BUILD_PARALLEL"]
        else:
            os.environ["BUILD_PARALLEL"] = previous
    return out


@pytest.fixture(scope="module")
def sequential_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_with("0", tmp_path_factory.mktemp("sequential") / "site")


@pytest.fixture(scope="module")
def parallel_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_with("1", tmp_path_factory.mktemp("parallel") / "site")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_parallel_build_equals_sequential_build_file_by_file(parallel_site: Path, sequential_site: Path) -> None:
    parallel, sequential = _files(parallel_site), _files(sequential_site)
    assert sorted(parallel) == sorted(sequential)
    different = [name for name in parallel if parallel[name].read_bytes() != sequential[name].read_bytes()]
    assert not different, f"files that differ between the parallel and the sequential build: {different}"


def test_the_site_build_equals_both(site: Path, sequential_site: Path) -> None:
    """The session's site (built the way `make build` chooses) is the same site."""
    built, sequential = _files(site), _files(sequential_site)
    assert sorted(built) == sorted(sequential)
    assert all(built[name].read_bytes() == sequential[name].read_bytes() for name in built)


def test_search_indexes_hold_their_own_language(parallel_site: Path) -> None:
    lv = json.loads((parallel_site / "search" / "lv.json").read_text(encoding="utf-8"))
    en = json.loads((parallel_site / "search" / "en.json").read_text(encoding="utf-8"))
    assert lv and en and lv != en


def test_nothing_shipped_that_no_reader_loads(site: Path) -> None:
    assert not list(site.rglob("*.map"))
    assert postprocess.unloaded_files(site) == []


def test_material_search_files_go_while_no_page_uses_them(site: Path) -> None:
    assert not postprocess.material_search_used(site)
    for folder in (postprocess.LUNR_DIR, postprocess.WORKERS_DIR):
        assert not (site / folder).exists()
    assert not (site / postprocess.MATERIAL_SEARCH_INDEX).exists()


def test_every_local_file_a_page_references_exists(site: Path) -> None:
    """Dropping files must not break a page: every stylesheet, script and
    image the home pages name is there."""
    import re
    from urllib.parse import urljoin, urlsplit

    for page in ("index.html", "en/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href)=["']([^"'#?]+\.(?:css|js|png|svg|ico|woff2?))["']""", html):
            path = urlsplit(urljoin(SITE_URL + page, url)).path
            target = site / path.removeprefix(urlsplit(SITE_URL).path)
            assert target.is_file(), (page, url)


def test_a_broken_link_fails_the_build_with_mkdocs_message(tmp_path: Path) -> None:
    """--strict counts warnings (it did not while the build ran with --quiet)."""
    import synthetic_site

    copy = synthetic_site.copy_site(ROOT, tmp_path / "copy")
    page = copy / "docs" / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[a link](missing-page.md)\n", encoding="utf-8")
    with pytest.raises(build.BuildError) as error:
        build.build_into(tmp_path / "out", SITE_URL, root=copy)
    assert "en/about.md" in str(error.value) and "missing-page.md" in str(error.value)
    assert "INFO" not in str(error.value)


def test_compacting_html_keeps_preformatted_text_and_renders_the_same() -> None:
    sys.path.insert(0, str(ROOT / "hooks"))
    from compact_html import compact

    html = "<div>\n    <p>a\n      b</p>\n\n\n  <pre><code>x\n    y</code></pre>\n  <code>  c\n  d</code><script>\n  var s = `\n  t`;\n</script>\n</div>"
    assert compact(html) == "<div>\n<p>a\nb</p>\n<pre><code>x\n    y</code></pre>\n<code>  c\n  d</code><script>\n  var s = `\n  t`;\n</script>\n</div>"


def test_pages_carry_no_template_indentation(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", "", html, flags=re.S | re.I)
    assert not re.search(r"\n[ \t]+<", outside)
