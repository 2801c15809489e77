"""Lighthouse for `make bench`: what a reader's phone gets, page by page.

Builds the site for a local address under the project's sub-path, serves it
the way GitHub Pages does (gzip for text, Cache-Control max-age=600, ETag,
404.html for a missing address) on 127.0.0.1, and has Lighthouse audit the
home page, a list page, a detail page and the timeline (the results page
while there is no timeline), in both languages, in Lighthouse's default
mobile configuration (a mid-range phone on a slow 4G network, simulated).
Prints the four category scores and LCP, CLS and TBT of each page against
the targets, and writes them to build-output/lighthouse.json.

Each page's language versions are the HTML pages its own
`<link rel="alternate" hreflang>` links name (not x-default, and not a link
with another type, such as a feed); each must be an HTML page of the built
site, one per language, or the bench stops saying which.

Lighthouse is the npm package pinned in tools/lighthouse/package-lock.json,
installed there with `npm ci` when missing or stale, and run with Debian's
node and chromium (`make bench` installs them where missing:
scripts/system_deps.py --bench). Not part of `make test`: the scores of a
simulated phone are figures to watch, reported as met or NOT MET against the
targets, not a pass or a fail; but a page Lighthouse cannot audit (an error,
a category without a score) stops the bench with one line naming it and
exit code 1.

    python scripts/lighthouse_bench.py [--runs N]   (N runs per page: medians)
    python scripts/lighthouse_bench.py --quick      (the home page of each language;
                                                    build-output/lighthouse-quick.json)
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

sys.path.append(str(ROOT / "hooks"))  # after scripts/: `helpers`, the package the hooks share

from build import BuildError, build_site  # noqa: E402
from helpers.published import languages_of  # noqa: E402

TOOL = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / "lighthouse" / "cli" / "index.js"
INSTALLED_LOCK = TOOL / "node_modules" / ".package-lock.json"  # what `npm ci` last installed
CHROMIUM = "/usr/bin/chromium"
JSON_PATH = ROOT / "build-output" / "lighthouse.json"
QUICK_JSON_PATH = ROOT / "build-output" / "lighthouse-quick.json"
SITE_PATH = "/pasvaldibu-sadarbiba/"  # served under a sub-path, as a GitHub Pages project site
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"LCP": "largest-contentful-paint", "CLS": "cumulative-layout-shift", "TBT": "total-blocking-time"}
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# What GitHub Pages compresses (its CDN gzips text; images are sent as they are).
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync --disable-component-update"


# --- the site, served like GitHub Pages --------------------------------------------------------


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GitHub Pages' answers: the site below SITE_PATH, a directory's
    index.html, a redirect to the slash form of a directory, 404.html with
    status 404, text gzip-compressed when the browser accepts it."""

    site: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        relative = path[len(SITE_PATH):] if path.startswith(SITE_PATH) else None
        target = (self.site / relative) if relative is not None and ".." not in relative else None
        if target is not None and target.is_dir() and not path.endswith("/"):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is not None and target.is_dir():
            target = target / "index.html"
        if target is None or not target.is_file():
            self.send(404, self.site / "404.html")
        else:
            self.send(200, target)

    def send(self, status: int, file: Path) -> None:
        body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        compress = file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, 6, mtime=0)
        types = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".js": "application/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
                 ".svg": "image/svg+xml", ".png": "image/png", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}
        self.send_response(status)
        self.send_header("Content-Type", types.get(file.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(file.stat().st_mtime, usegmt=True))
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what to audit -----------------------------------------------------------------------------


class CannotAudit(Exception):
    """A page cannot be audited: the bench stops, naming it."""


def pages_to_audit(site: Path, base: str, quick: bool = False) -> list[tuple[str, str, str]]:
    """(kind, lang, address) of each audited page: each default-language
    page and the other languages' versions of it, as the page's own hreflang
    alternates name them (HTML pages only: a link with a type other than
    text/html, such as a feed, is no language version). With `quick`, the
    home page only."""
    activities = yaml.safe_load((ROOT / "data" / "activities.yml").read_text(encoding="utf-8"))["activities"]
    last = "timeline/" if (site / "timeline" / "index.html").is_file() else "results/"
    chosen = [("home", ""), ("list", "activities/"), ("detail", f"activities/{activities[0]['id']}/"),
              ("timeline" if last == "timeline/" else "results", last)]
    languages = [lang.code for lang in languages_of(ROOT)]
    audited = []
    for kind, path in chosen[:1] if quick else chosen:
        soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        versions: dict[str, str] = {}
        for link in soup.find_all("link", rel="alternate", hreflang=True):
            if link["hreflang"] == "x-default" or link.get("type", "text/html") != "text/html":
                continue
            href = link["href"]
            relative = href.split(SITE_PATH, 1)[1] if SITE_PATH in href else None
            target = None if relative is None else site / relative / "index.html" if relative.endswith("/") or not relative else site / relative
            if target is None or target.suffix != ".html" or not target.is_file():
                raise CannotAudit(f"/{path}: its {link['hreflang']} alternate {href} is not an HTML page of the built site")
            if link["hreflang"] in versions:
                raise CannotAudit(f"/{path}: two {link['hreflang']} alternates, {versions[link['hreflang']]} and {href}")
            versions[link["hreflang"]] = href
        if sorted(versions) != sorted(languages):
            raise CannotAudit(f"/{path}: its alternates name the languages {sorted(versions)}, not {sorted(languages)}")
        audited += [(kind, lang, base + versions[lang].split(SITE_PATH, 1)[1]) for lang in languages]
    return audited


# --- Lighthouse ---------------------------------------------------------------------------------


def ensure_lighthouse() -> None:
    """`npm ci` in tools/lighthouse when Lighthouse is missing or its lock changed."""
    for command in ("node", "npm"):
        if shutil.which(command) is None:
            raise SystemExit(f"{command} is missing: run `make bench` (it installs Debian's nodejs and npm).")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} is missing: run `make bench` (it installs Debian's chromium).")
    wanted = json.loads((TOOL / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    installed = json.loads(INSTALLED_LOCK.read_text(encoding="utf-8"))["packages"] if INSTALLED_LOCK.is_file() else {}
    if LIGHTHOUSE.is_file() and all(installed.get(k, {}).get("version") == v.get("version") for k, v in wanted.items() if k):
        return
    print("Installing Lighthouse (npm ci in tools/lighthouse)…", file=sys.stderr)
    result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL)
    if result.returncode != 0:
        raise CannotAudit(f"`npm ci` in tools/lighthouse failed (exit code {result.returncode}, its messages above)")


def lighthouse(url: str) -> dict:
    """One Lighthouse run (default: mobile) of `url`: its JSON result."""
    with tempfile.TemporaryDirectory() as profile:
        try:
            result = subprocess.run(
                ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
                 f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"],
                capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=CHROMIUM), timeout=300,
            )
        except subprocess.TimeoutExpired as error:
            raise CannotAudit(f"Lighthouse did not finish {url} within {error.timeout:.0f} s") from error
    if result.returncode != 0:
        raise CannotAudit(f"Lighthouse failed on {url} (exit code {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def summary(report: dict) -> dict:
    runtime_error = report.get("runtimeError")
    if runtime_error:
        raise CannotAudit(f"Lighthouse could not audit {report['requestedUrl']}: {runtime_error.get('code')}: {runtime_error.get('message')}")
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    if unscored := [name for name, score in scores.items() if score is None]:
        warnings = "; ".join(report.get("runWarnings", [])) or "no run warning"
        raise CannotAudit(f"Lighthouse gave {report['requestedUrl']} no score for {', '.join(unscored)} ({warnings})")
    metrics = {short: report["audits"][audit]["numericValue"] for short, audit in METRICS.items()}
    failed = sorted(audit_id for name in CATEGORIES if name != "performance"
                    for ref in report["categories"][name]["auditRefs"] if ref["weight"] > 0
                    for audit_id in [ref["id"]] if (report["audits"][audit_id]["score"] or 0) < 1
                    and report["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric"))
    return {"scores": scores, "metrics": metrics, "failed_audits": failed,
            "lighthouse": report["lighthouseVersion"], "form_factor": report["configSettings"]["formFactor"]}


def median_of(runs: list[dict]) -> dict:
    return {
        "scores": {k: statistics.median(r["scores"][k] for r in runs) for k in CATEGORIES},
        "metrics": {k: statistics.median(r["metrics"][k] for r in runs) for k in METRICS},
        "failed_audits": sorted({a for r in runs for a in r["failed_audits"]}),
        "lighthouse": runs[0]["lighthouse"], "form_factor": runs[0]["form_factor"], "runs": len(runs),
    }


def table(rows: list[dict]) -> str:
    header = ("page", "lang", "perf", "a11y", "best pr.", "SEO", "LCP", "CLS", "TBT", "targets")
    lines = []
    for row in rows:
        s, m = row["scores"], row["metrics"]
        missed = [name for name, target in TARGETS.items() if s[name] < target]
        lines.append((row["kind"], row["lang"], *(f"{s[name]:.2f}" for name in CATEGORIES),
                      f"{m['LCP'] / 1000:.2f} s", f"{m['CLS']:.3f}", f"{m['TBT']:.0f} ms",
                      "met" if not missed else "NOT MET: " + ", ".join(missed + row["failed_audits"])))
    widths = [max(len(str(r[i])) for r in lines + [header]) for i in range(len(header))]
    out = [" | ".join(str(c).ljust(widths[i]) for i, c in enumerate(header)), "-+-".join("-" * w for w in widths)]
    out += [" | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) for r in lines]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the home page of each language, one run (make bench-quick)")
    parser.add_argument("--runs", type=int, default=None, help="runs per page, medians (default 1, or LIGHTHOUSE_RUNS; 1 with --quick)")
    parser.add_argument("--json", type=Path, default=None, help=f"default {JSON_PATH.relative_to(ROOT)} ({QUICK_JSON_PATH.relative_to(ROOT)} with --quick)")
    args = parser.parse_args()
    args.runs = args.runs or (1 if args.quick else int(os.environ.get("LIGHTHOUSE_RUNS", "1")))
    args.json = args.json or (QUICK_JSON_PATH if args.quick else JSON_PATH)
    try:
        return audit(args)
    except CannotAudit as error:
        print(f"make bench: Lighthouse: {error}", file=sys.stderr)
        return 1


def audit(args: argparse.Namespace) -> int:
    ensure_lighthouse()
    port = free_port()
    base = f"http://127.0.0.1:{port}{SITE_PATH}"
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as work:
        # Built for the address it is served at: canonical links point to the page itself.
        try:
            site = build_site(Path(work) / "site", base)
        except BuildError as error:
            raise CannotAudit(f"the site did not build:\n{error}") from error
        handler = type("Handler", (PagesHandler,), {"site": site})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            rows = []
            for kind, lang, url in pages_to_audit(site, base, args.quick):
                print(f"Lighthouse: {url.removeprefix(base) or '/'} …", file=sys.stderr)
                result = median_of([summary(lighthouse(url)) for _ in range(args.runs)])
                rows.append({"kind": kind, "lang": lang, "path": url.removeprefix(base), **result})
        finally:
            server.shutdown()
            server.server_close()
    text = table(rows)
    first = rows[0]
    quick = "QUICK RUN (make bench-quick): the home pages only; " if args.quick else ""
    note = (f"{quick}Lighthouse {first['lighthouse']}, {first['form_factor']} (simulated slow 4G, 4x CPU slowdown), "
            f"median of {args.runs} run{'s' if args.runs > 1 else ''} per page; Debian's chromium; the site gzip-served "
            f"on 127.0.0.1 like GitHub Pages. Targets: performance ≥ {TARGETS['performance']}, the others 1.0.")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"pages": rows, "targets": TARGETS, "table": text.splitlines(), "note": note},
                                    indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(text + "\n\n" + note)
    print(f"\nWritten to {args.json.relative_to(ROOT) if args.json.is_relative_to(ROOT) else args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
