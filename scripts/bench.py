"""`make bench`: the speed and size table, each figure beside its baseline.

Prints a table and writes it as JSON to build-output/bench.json (the README
names that path). Every time is the median of --runs runs (default 3, or
BENCH_RUNS). Everything is built into temporary folders; the repository is
only read (copies of it are made for the synthetic sites and the serve test).

Each target is reported as met or NOT MET in the table, never by the exit
code; a figure that cannot be measured (a build, Chromium or `mkdocs serve`
failing) stops the bench with one line naming it and exit code 1.

--quick (`make bench-quick`, which .ci/run runs after `make test`): one run,
synthetic sites of 30 and 100 pages per language, written to
build-output/bench-quick.json; it proves every measurement can still be
taken, and its figures are no verdict on the targets of the 1000-page site.

Rows:
- real site: our full build (scripts/build.py, as `make build` and the tests
  run it) against a stock build of the same content: Material +
  mkdocs-static-i18n folder mode, none of our hooks, macros or templates.
  "The same content" is exact: the Markdown of every page *after* our macros
  ran (captured by a throw-away hook in a copy of the site), the generated
  pages included, with the same per-language navigation;
- synthetic sites of 100 and 1000 pages per language (scripts/synthetic_site.py:
  real templates and data, extra activities), both builds, time per page and
  the growth t(1000)/t(100); peak memory of the 1000-page builds; each build
  is one plain `mkdocs build --strict` process (scripts/build.py);
- first-visit transfer of each language's home page: a real headless
  Chromium (Debian's /usr/bin/chromium) visits the built site served on
  127.0.0.1 and every response is recorded; each body is gzipped (level 6,
  what static hosts use) and summed by kind; then the reader starts a search
  and what that loads is counted separately;
- size of the output, and the part no page names (source maps, theme
  files no page references);
- edit-to-visible in `mkdocs serve` (as `make serve` runs it) in a copy of
  the site: append a sentence to a page, or change a summary in
  data/activities.yml, and poll the served page until it shows.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build  # noqa: E402
import synthetic_site  # noqa: E402

JSON_PATH = ROOT / "build-output" / "bench.json"
QUICK_JSON_PATH = ROOT / "build-output" / "bench-quick.json"
# Pages per language of the synthetic sites: the full bench, --quick.
SIZES = (100, 1000)
QUICK_SIZES = (30, 100)
SITE_URL = "https://lps-lv.github.io/pasvaldibu-sadarbiba/"
SITE_PATH = "/pasvaldibu-sadarbiba/"
CHROMIUM = "/usr/bin/chromium"
# The team's flags; Playwright adds --headless and a fresh profile itself.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGETS = {
    "real_ratio": 1.0,
    "synthetic_1000_s": 8.0,
    "growth": 11.0,
    "first_visit_kb": 40.0,
    "output_mb": 1.0,
    "edit_s": 1.0,
    "memory_mib": 1024.0,
}
# The features of a stock Material setup: ours without the speed settings.
SPEED_FEATURES = {"navigation.prune"}

CAPTURE_HOOK = '''
"""Throw-away bench hook: writes each page's Markdown after the macros ran."""
import os
import yaml
from mkdocs.plugins import event_priority

@event_priority(-1000)
def on_page_markdown(markdown, page, config, files):
    meta = {k: v for k, v in page.meta.items() if k in ("title", "description")}
    path = os.path.join(os.environ["BENCH_CAPTURE_DIR"], page.file.src_uri)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, width=1000) + "---\\n\\n" if meta else ""
    with open(path, "w", encoding="utf-8") as out:
        out.write(head + markdown)
    return markdown
'''


# --- helpers ------------------------------------------------------------------


class MeasurementError(Exception):
    """A figure could not be measured: the bench stops, naming it."""


@contextlib.contextmanager
def measuring(what: str) -> Iterator[None]:
    """Any failure inside becomes a MeasurementError naming `what`."""
    print(f"{what}…", file=sys.stderr)
    try:
        yield
    except MeasurementError:
        raise
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a build's SystemExit message too
        detail = str(error).strip() or type(error).__name__
        raise MeasurementError(f"{what}: {detail}") from error


def median(values: list[float]) -> float:
    return statistics.median(values)


def mkdocs_env(site_url: str = SITE_URL) -> dict[str, str]:
    return build.mkdocs_env(site_url)


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` becomes the default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None)


def read_config(root: Path) -> dict[str, Any]:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the builds -----------------------------------------------------------------


def our_build(root: Path, out: Path) -> tuple[float, int, float]:
    """Seconds, peak memory (KiB) and CPU seconds of the build process (the
    time it takes when nothing else runs)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    result = build.build_into(out, SITE_URL, root=root)
    return time.perf_counter() - start, result.peak_rss_kib, result.cpu_s


def stock_build(stock_root: Path, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(stock_root / "mkdocs.yml"), "--site-dir", str(out)]
    start = time.perf_counter()
    result = build.run_process(command, stock_root, mkdocs_env())
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"The stock build failed:\n{result.output}")
    return seconds, result.peak_rss_kib, result.cpu_s


def make_stock_site(site_root: Path, stock_root: Path) -> None:
    """A stock MkDocs project with exactly the content our build renders."""
    capture = stock_root / "docs"
    work = Path(tempfile.mkdtemp(prefix="bench-capture-"))
    try:
        synthetic_site.copy_site(site_root, work)
        (work / "bench_capture.py").write_text(CAPTURE_HOOK, encoding="utf-8")
        text = (work / "mkdocs.yml").read_text(encoding="utf-8")
        (work / "mkdocs.yml").write_text(text.replace("\nhooks:\n", "\nhooks:\n  - bench_capture.py\n", 1), encoding="utf-8")
        os.environ["BENCH_CAPTURE_DIR"] = str(capture)
        try:
            build.build_into(work / "out", SITE_URL, root=work)
        except build.BuildError as error:
            raise SystemExit(f"Capturing the rendered pages failed:\n{error}")
        finally:
            del os.environ["BENCH_CAPTURE_DIR"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours = read_config(site_root)
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        language["nav"] = _with_generated_pages(language["nav"], capture / language["locale"])
    theme = {key: value for key, value in ours["theme"].items() if key not in ("custom_dir",)}
    theme["features"] = [f for f in theme.get("features", []) if f not in SPEED_FEATURES]
    stock = {
        key: ours[key] for key in ("site_name", "site_description", "site_url", "use_directory_urls", "markdown_extensions", "not_in_nav", "extra") if key in ours
    }
    stock.update(docs_dir="docs", theme=theme, plugins=["search", {"i18n": i18n}])
    (stock_root / "mkdocs.yml").write_text(yaml.safe_dump(stock, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _with_generated_pages(nav: list, language_docs: Path) -> list:
    """The navigation with every captured page of a section's folder listed
    under it, as our hooks list them (a stock site lists its pages in mkdocs.yml)."""
    listed = set()

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, str):
                listed.add(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value) if isinstance(value, list) else listed.add(value)

    walk(nav)

    def grow(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict):
                item = {title: grow(value) if isinstance(value, list) else value for title, value in item.items()}
                for title, value in item.items():
                    index = next((v for v in value if isinstance(v, str) and v.endswith("/index.md")), None) if isinstance(value, list) else None
                    if index:
                        folder = index[: -len("index.md")]
                        extra = sorted(p.relative_to(language_docs).as_posix() for p in (language_docs / folder).glob("*.md"))
                        value.extend(page for page in extra if page not in listed)
            out.append(item)
        return out

    return grow(nav)


# --- first-visit transfer -------------------------------------------------------------


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under the GitHub Pages project path."""

    def log_message(self, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.startswith(SITE_PATH):
            path = "/" + path[len(SITE_PATH):]
        return super().translate_path(path)


@contextlib.contextmanager
def serve_static(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    finally:
        server.shutdown()
        server.server_close()


KINDS = ("html", "css", "js", "fonts", "images", "search", "other")


def _kind(resource_type: str, url: str) -> str:
    path = url.split("?")[0]
    # Material's search (the stock baseline) and ours (search.js, one index per language).
    if "search_index" in path or "/workers/search" in path or "/lunr/" in path:
        return "search"
    if path.endswith(("/search/lv.json", "/search/en.json", "/javascripts/search.js")):
        return "search"
    if resource_type == "document":
        return "html"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "css"
    if resource_type == "script" or path.endswith(".js"):
        return "js"
    if resource_type == "font" or re.search(r"\.(woff2?|ttf|otf)$", path):
        return "fonts"
    if resource_type == "image" or re.search(r"\.(png|svg|jpe?g|gif|webp|ico)$", path):
        return "images"
    return "other"


def first_visit(site: Path) -> dict[str, dict[str, Any]]:
    """Per language: gzip bytes by kind on the home page, then on the first search."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    with serve_static(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for lang, path in (("lv", ""), ("en", "en/")):
            context = browser.new_context()
            page = context.new_page()
            loads: list[tuple[str, str, int, int]] = []

            def record(response: Any) -> None:
                try:
                    body = response.body()
                except Exception:  # redirects and failed loads have no body
                    return
                if response.status >= 400:
                    loads.append((_kind(response.request.resource_type, response.url), response.url, 0, response.status))
                    return
                loads.append((_kind(response.request.resource_type, response.url), response.url, len(gzip.compress(body, 6)), response.status))

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(1000)
            visit = list(loads)
            loads.clear()
            # The header's search box (Material's in the stock build, ours here).
            page.locator("input.md-search__input").first.focus()
            page.keyboard.type("projekts" if lang == "lv" else "project")
            page.wait_for_timeout(1500)
            page.wait_for_load_state("networkidle")
            hits = page.locator(".md-search-result__item").count()
            search = list(loads)
            context.close()
            by_kind = {kind: sum(size for k, _, size, _ in visit if k == kind) for kind in KINDS}
            results[lang] = {
                "first_visit_gzip_bytes": by_kind,
                "first_visit_total_bytes": sum(by_kind.values()),
                "search_index_loaded_up_front": any("search_index" in url or url.endswith(("/search/lv.json", "/search/en.json")) for _, url, _, _ in visit),
                "first_search_gzip_bytes": sum(size for _, _, size, _ in search),
                "first_search_results": hits,
                "requests": [url.replace(base, "/") for _, url, _, _ in visit],
                "failed_requests": [url.replace(base, "/") for _, url, _, status in visit + search if status >= 400],
            }
        browser.close()
    return results


# --- output size ---------------------------------------------------------------------------


def unreferenced_files(site: Path) -> list[Path]:
    """Source maps, and files under assets/ whose path no page, stylesheet
    or script of the site names (what no reader's browser asks for)."""
    texts = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".css", ".js") and p.is_file())
    unused = [p for p in site.rglob("*.map") if p.is_file()]
    for path in (site / "assets").rglob("*"):
        if path.is_file() and path.suffix != ".map" and path.relative_to(site / "assets").as_posix() not in texts:
            unused.append(path)
    return sorted(set(unused))


def output_size(site: Path) -> dict[str, Any]:
    unloaded = unreferenced_files(site)
    return {
        "total_bytes": tree_size(site),
        "files": sum(1 for p in site.rglob("*") if p.is_file()),
        "unloaded_bytes": sum(p.stat().st_size for p in unloaded),
        "unloaded_files": len(unloaded),
        "source_map_bytes": sum(p.stat().st_size for p in unloaded if p.suffix == ".map"),
        "unused_lunr_bytes": sum(p.stat().st_size for p in unloaded if "/lunr/" in p.as_posix()),
    }


# --- edit to visible in `mkdocs serve` -----------------------------------------------------------


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def edit_to_visible(root: Path, edits: dict[str, Callable[[Path, str], str]], runs: int) -> dict[str, float]:
    """Start `mkdocs serve` on a copy of `root`; per edit: median seconds from
    the file write to the served page showing it. `edits` maps a name to a
    function (copy, marker) -> address below the site root to poll."""
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    synthetic_site.copy_site(root, work)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config = work / "mkdocs.yml"
    # The stock project names its address literally; ours reads SITE_URL.
    config.write_text(re.sub(r"^site_url: (?!!ENV).*$", f"site_url: {url}", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    log = tempfile.TemporaryFile()
    # As `make serve` runs it.
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=work, env=mkdocs_env(url), stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while not _get(url) and time.monotonic() < deadline:
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit("mkdocs serve stopped:\n" + log.read().decode("utf-8", "replace"))
            time.sleep(0.1)
        times: dict[str, float] = {}
        for name, edit in edits.items():
            samples = []
            for run in range(runs):
                marker = f"benchmarker{name.replace('_', '')}{run}x{time.time_ns()}"
                time.sleep(0.5)  # let the previous rebuild settle
                start = time.perf_counter()
                address = edit(work, marker)
                while marker not in _get(url + address):
                    if time.perf_counter() - start > 60:
                        raise SystemExit(f"edit-to-visible: {name} did not show within 60 s")
                    time.sleep(0.01)
                samples.append(time.perf_counter() - start)
            times[name] = median(samples)
        return times
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def edit_page(copy: Path, marker: str) -> str:
    page = copy / "docs" / "lv" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
    return "about/"


def edit_data(copy: Path, marker: str) -> str:
    data = copy / "data" / "activities.yml"
    text = data.read_text(encoding="utf-8")
    # The first Latvian summary gets the marker appended (a plain-text edit,
    # as an editor makes it).
    match = re.search(r"(\n    summary:\n      lv: )([^\n]*)", text)
    text = text[: match.start(2)] + re.sub(r" benchmarker\S*$", "", match.group(2)) + f" {marker}" + text[match.end(2):]
    data.write_text(text, encoding="utf-8")
    return "activities/"


def edit_stock_page(copy: Path, marker: str) -> str:
    return edit_page(copy, marker)


# --- the table ------------------------------------------------------------------------------------


def run(runs: int, stock_1000_runs: int, sizes: tuple[int, int] = SIZES) -> dict[str, Any]:
    small, large = sizes
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": sizes != SIZES,
        "sizes": list(sizes),
        "runs": runs,
        "stock_1000_runs": stock_1000_runs,
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        sites = {"real": ROOT}
        for pages in sizes:
            with measuring(f"generating the synthetic site of {pages} pages per language"):
                sites[f"synthetic_{pages}"] = synthetic_site.make_synthetic_site(tmp_path / f"synthetic-{pages}", pages)
        builds: dict[str, dict[str, Any]] = {}
        stock_roots: dict[str, Path] = {}
        for name, root in sites.items():
            with measuring(f"{name}: stock baseline content"):
                stock_roots[name] = tmp_path / f"stock-{name}"
                stock_roots[name].mkdir()
                make_stock_site(root, stock_roots[name])
        # Runs of all sizes take turns, so that a busy moment of the machine
        # does not fall on one size only (the growth ratio compares sizes).
        ours_runs: dict[str, list] = {name: [] for name in sites}
        stock_runs: dict[str, list] = {name: [] for name in sites}
        for index in range(runs):
            for name, root in sites.items():
                with measuring(f"{name}: build, run {index + 1}/{runs}"):
                    ours_runs[name].append(our_build(root, tmp_path / f"out-{name}"))
                # The stock 1000-page build takes over a minute: fewer runs of it.
                if index < (stock_1000_runs if name == f"synthetic_{large}" else runs):
                    with measuring(f"{name}: stock build, run {index + 1}/{runs}"):
                        stock_runs[name].append(stock_build(stock_roots[name], tmp_path / f"out-stock-{name}"))
        for name, root in sites.items():
            pages = synthetic_site.pages_per_language(root)
            ours, stock = ours_runs[name], stock_runs[name]
            builds[name] = {
                "pages_per_language": pages,
                "ours_s": median([t for t, _, _ in ours]),
                "stock_s": median([t for t, _, _ in stock]),
                "ours_cpu_s": median([c for _, _, c in ours]),
                "stock_cpu_s": median([c for _, _, c in stock]),
                "ours_first_run_s": ours[0][0],
                "ours_peak_mib": max(m for _, m, _ in ours) / 1024,
                "stock_peak_mib": max(m for _, m, _ in stock) / 1024,
                "ours_runs_s": [round(t, 3) for t, _, _ in ours],
                "stock_runs_s": [round(t, 3) for t, _, _ in stock],
            }
            builds[name]["ratio"] = builds[name]["ours_s"] / builds[name]["stock_s"]
            builds[name]["cpu_ratio"] = builds[name]["ours_cpu_s"] / builds[name]["stock_cpu_s"]
            for who in ("ours", "stock"):
                builds[name][f"{who}_ms_per_page"] = 1000 * builds[name][f"{who}_s"] / (2 * pages)
        report["load_average_after_builds"] = os.getloadavg()[0]
        ours_out, stock_out = tmp_path / "out-real", tmp_path / "out-stock-real"
        with measuring("first-visit transfer (Chromium)"):
            report["first_visit"] = {"ours": first_visit(ours_out), "stock": first_visit(stock_out)}
        with measuring("output size"):
            report["output"] = {"ours": output_size(ours_out), "stock": output_size(stock_out)}
        with measuring("edit-to-visible in mkdocs serve"):
            report["edit_to_visible_s"] = {
                "ours": edit_to_visible(ROOT, {"page": edit_page, "data_file": edit_data}, runs),
                "stock": edit_to_visible(stock_roots["real"], {"page": edit_stock_page}, runs),
            }
        report["builds"] = builds
        for who in ("ours", "stock"):
            report["builds"][f"growth_{who}"] = builds[f"synthetic_{large}"][f"{who}_s"] / builds[f"synthetic_{small}"][f"{who}_s"]
            report["builds"][f"growth_{who}_cpu"] = builds[f"synthetic_{large}"][f"{who}_cpu_s"] / builds[f"synthetic_{small}"][f"{who}_cpu_s"]
    return report


def table(report: dict[str, Any]) -> str:
    b, t = report["builds"], report["targets"]
    small, large = report["sizes"]
    rows: list[tuple[str, str, str, str]] = []

    def row(what: str, ours: str, stock: str, target: str = "") -> None:
        rows.append((what, ours, stock, target))

    def ok(met: bool) -> str:
        return "met" if met else "NOT MET"

    def at_full_size(target: str) -> str:
        """The targets of the 1000-page site are not judged on a quick run's smaller sites."""
        return target if large == SIZES[1] else "(quick run: not judged)"

    real = b["real"]
    row("Real site, full build (both languages)", f"{real['ours_s']:.2f} s", f"{real['stock_s']:.2f} s",
        f"ratio {real['ratio']:.2f} ≤ {t['real_ratio']}: {ok(real['ratio'] <= t['real_ratio'])}")
    row("Real site, CPU of the build process", f"{real['ours_cpu_s']:.2f} s", f"{real['stock_cpu_s']:.2f} s",
        f"ratio {real['cpu_ratio']:.2f} ≤ {t['real_ratio']}: {ok(real['cpu_ratio'] <= t['real_ratio'])}")
    for pages in (small, large):
        s = b[f"synthetic_{pages}"]
        target = at_full_size(f"≤ {t['synthetic_1000_s']:.0f} s: {ok(s['ours_s'] <= t['synthetic_1000_s'])}") if pages == large else ""
        stock_note = f" ({len(s['stock_runs_s'])} run{'s' if len(s['stock_runs_s']) > 1 else ''})" if len(s["stock_runs_s"]) != len(s["ours_runs_s"]) else ""
        row(f"Synthetic {pages} pages/language, build", f"{s['ours_s']:.2f} s", f"{s['stock_s']:.2f} s{stock_note}", target)
        cpu_target = at_full_size(f"≤ {t['synthetic_1000_s']:.0f} s: {ok(s['ours_cpu_s'] <= t['synthetic_1000_s'])}") if pages == large else ""
        row(f"Synthetic {pages} pages/language, CPU of the build process", f"{s['ours_cpu_s']:.2f} s", f"{s['stock_cpu_s']:.2f} s", cpu_target)
        row(f"Synthetic {pages} pages/language, per page", f"{s['ours_ms_per_page']:.1f} ms", f"{s['stock_ms_per_page']:.1f} ms", "")
    row(f"Growth t({large})/t({small})", f"{b['growth_ours']:.1f}", f"{b['growth_stock']:.1f}",
        at_full_size(f"≤ {t['growth']:.0f}: {ok(b['growth_ours'] <= t['growth'])}"))
    row("Growth in CPU of the build process", f"{b['growth_ours_cpu']:.1f}", f"{b['growth_stock_cpu']:.1f}",
        at_full_size(f"≤ {t['growth']:.0f}: {ok(b['growth_ours_cpu'] <= t['growth'])}"))
    s = b[f"synthetic_{large}"]
    row(f"Peak memory, {large}-page build", f"{s['ours_peak_mib']:.0f} MiB", f"{s['stock_peak_mib']:.0f} MiB",
        at_full_size(f"< {t['memory_mib']:.0f} MiB: {ok(s['ours_peak_mib'] < t['memory_mib'])}"))
    for lang in ("lv", "en"):
        ours, stock = report["first_visit"]["ours"][lang], report["first_visit"]["stock"][lang]
        for kind in KINDS:
            row(f"First visit /{'' if lang == 'lv' else 'en/'} ({lang}): {kind}", f"{ours['first_visit_gzip_bytes'][kind] / 1000:.1f} KB",
                f"{stock['first_visit_gzip_bytes'][kind] / 1000:.1f} KB", "")
        total = ours["first_visit_total_bytes"] / 1000
        up_front = ours["search_index_loaded_up_front"]
        row(f"First visit ({lang}): total gzip", f"{total:.1f} KB", f"{stock['first_visit_total_bytes'] / 1000:.1f} KB",
            f"≤ {t['first_visit_kb']:.0f} KB, index not up front: {ok(total <= t['first_visit_kb'] and not up_front)}")
        row(f"First visit ({lang}): search index loaded up front", "yes" if up_front else "no",
            "yes" if stock["search_index_loaded_up_front"] else "no", "")
        row(f"First search ({lang}): loads (gzip), results", f"{ours['first_search_gzip_bytes'] / 1000:.1f} KB, {ours['first_search_results']} hits",
            f"{stock['first_search_gzip_bytes'] / 1000:.1f} KB, {stock['first_search_results']} hits", "")
    ours, stock = report["output"]["ours"], report["output"]["stock"]
    row("Output size (real site)", f"{ours['total_bytes'] / 1e6:.2f} MB", f"{stock['total_bytes'] / 1e6:.2f} MB",
        f"≤ {t['output_mb']:.0f} MB: {ok(ours['total_bytes'] <= t['output_mb'] * 1e6)}")
    row("  of which no page names (maps, unused theme files)", f"{ours['unloaded_bytes'] / 1e6:.2f} MB ({ours['unloaded_files']} files)",
        f"{stock['unloaded_bytes'] / 1e6:.2f} MB ({stock['unloaded_files']} files)", f"nothing: {ok(ours['unloaded_files'] == 0)}")
    edit = report["edit_to_visible_s"]
    row("Edit-to-visible in serve: a page", f"{edit['ours']['page']:.2f} s", f"{edit['stock']['page']:.2f} s",
        f"≤ {t['edit_s']:.0f} s: {ok(edit['ours']['page'] <= t['edit_s'])}")
    row("Edit-to-visible in serve: a data file", f"{edit['ours']['data_file']:.2f} s", "— (no data files)",
        f"≤ {t['edit_s']:.0f} s: {ok(edit['ours']['data_file'] <= t['edit_s'])}")
    header = ("", "ours", "baseline (stock, same run)", "target")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(header)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)) for r in rows]
    quick = "QUICK RUN (make bench-quick): every measurement taken once, on smaller synthetic sites; not the measurement. " if report["quick"] else ""
    runs = f"Medians of {report['runs']} runs" if report["runs"] > 1 else "One run"
    note = (f"{quick}{runs} (first cold run of ours: real {b['real']['ours_first_run_s']:.2f} s, "
            f"{large} pages {b[f'synthetic_{large}']['ours_first_run_s']:.2f} s); {report['cpus']} CPUs; load average at start {report['load_average_at_start']:.1f}, "
            f"after the builds {report['load_average_after_builds']:.1f}; one build process each: its CPU time stands for the build time on an idle "
            "machine (wall-clock rows also count the waits for a busy CPU; CPU time grows too on a busy machine, less). Transfer: gzip -6 of every response a headless "
            "Chromium received on the home page; stock = Material + mkdocs-static-i18n, same pages (after macros), same navigation.")
    return "\n".join(lines) + "\n\n" + note


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run, small synthetic sites (make bench-quick)")
    parser.add_argument("--runs", type=int, default=None, help="runs of each build (default 3, or BENCH_RUNS; 1 with --quick)")
    parser.add_argument("--stock-1000-runs", type=int, default=int(os.environ.get("BENCH_STOCK_1000_RUNS", "1")),
                        help="runs of the slow stock 1000-page baseline (default 1)")
    parser.add_argument("--json", type=Path, default=None, help=f"default {JSON_PATH.relative_to(ROOT)} ({QUICK_JSON_PATH.relative_to(ROOT)} with --quick)")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else int(os.environ.get("BENCH_RUNS", "3")))
    args.json = args.json or (QUICK_JSON_PATH if args.quick else JSON_PATH)
    try:
        report = run(runs, min(args.stock_1000_runs, runs), QUICK_SIZES if args.quick else SIZES)
    except MeasurementError as error:
        print(f"make bench: could not measure {error}", file=sys.stderr)
        return 1
    text = table(report)
    report["table"] = text.splitlines()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(text)
    print(f"\nWritten to {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
