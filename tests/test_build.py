"""One site, however it is built: `make build` (scripts/build.py), a plain
`mkdocs build` and `mkdocs serve` give the same files; nothing is shipped
that no page names, nothing a page names is missing; site/ is readable by
anyone; a failed build says what is wrong."""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, SITE_URL, SitePage

sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402

SITE_PATH = urlsplit(SITE_URL).path
MATERIAL_ASSETS = Path(__import__("material").__file__).parent / "templates" / "assets"


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build` as a person types it in the project folder (mkdocs.yml
    found by MkDocs itself), in a process of its own."""
    out = tmp_path_factory.mktemp("plain") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=build.mkdocs_env(SITE_URL), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_make_build_equals_a_plain_mkdocs_build_file_by_file(site: Path, plain_site: Path) -> None:
    """The session's site (scripts/build.py, what `make build` runs) and a
    separate plain `mkdocs build`: the same files, byte for byte."""
    ours, plain = _files(site), _files(plain_site)
    assert sorted(ours) == sorted(plain)
    different = [name for name in ours if ours[name].read_bytes() != plain[name].read_bytes()]
    assert not different, f"files that differ between make build and mkdocs build: {different}"


def _theme_assets_left_out(site: Path) -> list[str]:
    """Material's asset files that the built site does not ship."""
    return sorted(f"assets/{p.relative_to(MATERIAL_ASSETS).as_posix()}" for p in MATERIAL_ASSETS.rglob("*")
                  if p.is_file() and not (site / "assets" / p.relative_to(MATERIAL_ASSETS)).exists())


def test_left_out_are_maps_material_search_palette_and_bundle(site: Path) -> None:
    left_out = _theme_assets_left_out(site)
    kinds = {
        "map": [p for p in left_out if p.endswith(".map")],
        "search": [p for p in left_out if p.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/")) and not p.endswith(".map")],
        "palette": [p for p in left_out if re.fullmatch(r"assets/stylesheets/palette\.\w+\.min\.css", p)],
        "bundle": [p for p in left_out if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", p)],
    }
    assert all(kinds.values()), kinds
    assert sorted(sum(kinds.values(), [])) == left_out
    assert not list(site.rglob("*.map"))
    assert not (site / "search" / "search_index.json").exists()


def test_every_shipped_asset_is_named_by_a_page(site: Path) -> None:
    """Nothing a reader's browser never asks for: every file under assets/
    is named in some page."""
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    unnamed = [name for name in _files(site) if name.startswith("assets/") and name.removeprefix("assets/") not in pages]
    assert not unnamed


def test_every_local_file_a_page_names_exists(site: Path) -> None:
    """Leaving files out must not break a page: every stylesheet, script and
    image any page names is there."""
    missing = []
    for page in site.rglob("*.html"):
        address = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href|content)=["']([^"'#?]+\.(?:css|js|json|png|svg|ico|webp|woff2?))["']""", html):
            absolute = urljoin(SITE_URL + address, url)
            if not absolute.startswith(SITE_URL):
                continue  # another site (a partner's logo page, say)
            if not (site / absolute.removeprefix(SITE_URL)).is_file():
                missing.append((address, url))
    assert not missing


def test_site_is_readable_by_everyone(site: Path) -> None:
    """0755 folders and 0644 files, the top folder included (a temporary
    folder is made 0700)."""
    wrong = [f"{p}: {oct(stat.S_IMODE(p.stat().st_mode))}" for p in [site, *site.rglob("*")]
             if stat.S_IMODE(p.stat().st_mode) != (0o755 if p.is_dir() else 0o644)]
    assert not wrong


def test_make_readable_opens_a_private_tree(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "f.html").write_text("x")
    for path, mode in ((tree / "a" / "f.html", 0o600), (tree / "a", 0o700), (tree, 0o700)):
        path.chmod(mode)
    build.make_readable(tree)
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in (tree, tree / "a", tree / "a" / "f.html")] == ["0o755", "0o755", "0o644"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_mkdocs_serve_serves_the_same_files(site: Path) -> None:
    """`mkdocs serve` (as `make serve` runs it) has every file of the built
    site, and not the theme files the build leaves out."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
                              cwd=ROOT, env=build.mkdocs_env(base), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120  # its first build makes the record's PDFs (other addresses: not cached)
        while True:
            try:
                if _status(base) == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.2)
        served = {name: _status(base + name) for name in _files(site)}
        assert {name: code for name, code in served.items() if code != 200} == {}
        left_out = _theme_assets_left_out(site)
        assert left_out and {name: _status(base + name) for name in left_out} == {name: 404 for name in left_out}
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_broken_link_fails_the_build_with_mkdocs_message(tmp_path: Path) -> None:
    """--strict counts warnings (it did not while the build ran with --quiet)."""
    from conftest import copy_project

    copy = copy_project(tmp_path / "copy")
    page = copy / "docs" / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[a link](missing-page.md)\n", encoding="utf-8")
    with pytest.raises(build.BuildError) as error:
        build.build_into(tmp_path / "out", SITE_URL, root=copy)
    assert "en/about.md" in str(error.value) and "missing-page.md" in str(error.value)
    assert "INFO" not in str(error.value)
