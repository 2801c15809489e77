"""Find the site's dead external links before its readers do.

Run weekly by .github/workflows/links.yml, in two steps:

    python scripts/link_check.py check --site site --site-url URL \\
        --state .cache/link-check/state.json --out build-output/link-check.json
    python scripts/link_check.py issue --report build-output/link-check.json

`check` collects every external link of the built site (each page's
language read from its <html lang>), has LinkChecker (PyPI, pinned in
requirements.lock) check each address once, and keeps in the state file how
many checks in a row each address has failed. An address is reported dead
only when it failed on two checks in a row: one flaky host, one bad night,
raises no alarm. The report (JSON, with the issue's title and body) names for
each dead link its answer, the pages in both languages that carry it, and the
lines of data/*.yml and docs/ that hold it, saying where an archived copy
(`archived:` beside the address) is still missing.

`issue` opens the one dead-links issue, or updates it, or, when every link
works again, says so in it and closes it. It needs GITHUB_TOKEN (issues:
write), GITHUB_REPOSITORY and GITHUB_API_URL, as GitHub Actions sets them;
it is the only step that talks to GitHub.

Time is bounded: LinkChecker's --timeout for each connection, and
--max-seconds for the whole check (LinkChecker's own maxrunseconds stops it
starting new checks some time before; at the limit the process is stopped,
keeping the results it printed). An address left unchecked keeps its count.
A run never fails because links are dead: the workflow never blocks anything.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE = ROOT / ".cache" / "link-check" / "state.json"  # the folder links.yml caches
MARKER = "<!-- dead-links-report -->"
LABEL = "dead-links"
TITLE = "Dead external links"
FAILURES_TO_REPORT = 2  # failed checks in a row
LINK_ATTRIBUTES = ("href", "src")
MAX_PAGES_LISTED = 20  # per link, in the issue (its body holds at most 65 536 characters)


# --- what the site links to ------------------------------------------------------------------


@dataclass
class Page:
    address: str  # absolute, as published
    lang: str


def external_links(site: Path, site_url: str) -> dict[str, list[Page]]:
    """{address without #fragment: pages carrying it} of every http(s) link
    of the built site that does not lead into the site itself."""
    links: dict[str, dict[str, Page]] = {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        address = site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        page = Page(address, soup.html.get("lang", "") if soup.html else "")
        for attribute in LINK_ATTRIBUTES:
            for element in soup.find_all(attrs={attribute: True}):
                url = urldefrag(urljoin(address, element[attribute].strip())).url
                if urlsplit(url).scheme in ("http", "https") and not url.startswith(site_url):
                    links.setdefault(url, {})[page.address] = page
    return {url: list(pages.values()) for url, pages in sorted(links.items())}


@dataclass
class Place:
    file: str  # relative to the project, "data/partners.yml"
    line: int
    archived: str | None = None  # the archived copy beside the address (data/ only)


def data_places(root: Path, url: str) -> list[Place]:
    """Where data/*.yml holds `url` as a value, with the `archived:` value of
    the same mapping, if any."""
    places = []
    for file in sorted((root / "data").rglob("*.yml")):
        text = file.read_text(encoding="utf-8")
        if url not in text:
            continue
        for mapping in _mappings(yaml.compose(text)):
            values = {key.value: value for key, value in mapping.value if isinstance(key, yaml.ScalarNode)}
            for key, value in values.items():
                if key != "archived" and isinstance(value, yaml.ScalarNode) and urldefrag(value.value).url == url:
                    archived = values.get("archived")
                    copy = archived.value if isinstance(archived, yaml.ScalarNode) and archived.value else None
                    places.append(Place(file.relative_to(root).as_posix(), value.start_mark.line + 1, copy))
    return places


def _mappings(node):
    if isinstance(node, yaml.MappingNode):
        yield node
        for _, value in node.value:
            yield from _mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item)


def docs_places(root: Path, url: str) -> list[Place]:
    """Where a page source under docs/ writes `url` (itself, not a longer
    address starting with it)."""
    written = re.compile(re.escape(url) + r"(?=$|[\s)\]>\"'#,|]|\.(?:\s|$))")
    return [Place(file.relative_to(root).as_posix(), number)
            for file in sorted((root / "docs").rglob("*.md"))
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if written.search(line)]


# --- checking them -----------------------------------------------------------------------------


@dataclass
class Result:
    ok: bool
    status: str  # LinkChecker's result: "404 Not Found", "ReadTimeout: …"


def run_linkchecker(urls: list[str], timeout: int, max_seconds: int, linkchecker: str) -> dict[str, Result]:
    """Check each address once (no recursion); {url: result} of those
    LinkChecker got to within max_seconds."""
    # LinkChecker's own limit (maxrunseconds) stops it starting new checks and
    # keeps what it found, but it notices it only every 5 to 30 s and then
    # waits for the checks under way: it is set well before the hard limit,
    # which stops the process at max_seconds whatever it is doing.
    graceful = max(1, max_seconds - 2 * timeout - 40)
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(f"[checking]\nmaxrunseconds={graceful}\n", encoding="utf-8")
        command = [linkchecker, "--config", str(config), "--stdin", "--recursion-level", "0",
                   "--timeout", str(timeout), "--no-status", "--verbose", "--output", "csv/utf-8"]
        # Unbuffered: if the hard limit stops it, its finished rows are kept.
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        try:
            result = subprocess.run(command, input="\n".join(urls) + "\n", capture_output=True, text=True,
                                    encoding="utf-8", env=env, timeout=max_seconds)
            if result.returncode not in (0, 1):  # 1: some link failed; 2: LinkChecker itself did
                raise SystemExit(f"LinkChecker stopped (exit code {result.returncode}):\n{result.stderr}")
            output = result.stdout
        except subprocess.TimeoutExpired as stopped:
            raw = stopped.stdout or b""
            output = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    rows = csv.DictReader((line for line in output.splitlines() if line and not line.startswith("#")), delimiter=";")
    return {row["urlname"]: Result(row["valid"] == "True", row["result"] or row["warningstring"] or "")
            for row in rows if row.get("urlname") in urls}


# --- two checks in a row ------------------------------------------------------------------------


def load_state(path: Path) -> dict | None:
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def next_state(previous: dict | None, urls: list[str], results: dict[str, Result], today: str) -> dict:
    """Failures in a row per address: +1 for a failure, gone for a success,
    kept as it was for an address not checked this time; addresses no longer
    on the site are forgotten."""
    failing = dict((previous or {}).get("failing", {}))
    state = {"checked": today, "failing": {}}
    for url in urls:
        before = failing.get(url)
        result = results.get(url)
        if result is None:
            if before:
                state["failing"][url] = before
        elif not result.ok:
            state["failing"][url] = {
                "runs": (before or {}).get("runs", 0) + 1,
                "since": (before or {}).get("since", today),
                "status": result.status,
            }
    return state


@dataclass
class DeadLink:
    url: str
    status: str
    since: str
    runs: int
    pages: list[Page]
    data: list[Place] = field(default_factory=list)
    docs: list[Place] = field(default_factory=list)


@dataclass
class Report:
    checked: str
    links: int
    checked_links: int
    previous_check: str | None  # None: no earlier state (first run, or the cache expired)
    dead: list[DeadLink]
    failing_once: list[str]
    unchecked: list[str]
    title: str = TITLE
    body: str = ""


def make_report(root: Path, links: dict[str, list[Page]], results: dict[str, Result],
                previous: dict | None, state: dict) -> Report:
    dead = []
    for url, failure in state["failing"].items():
        if failure["runs"] >= FAILURES_TO_REPORT:
            dead.append(DeadLink(url, failure["status"], failure["since"], failure["runs"], links[url],
                                 data_places(root, url), docs_places(root, url)))
    report = Report(
        checked=state["checked"],
        links=len(links),
        checked_links=len(results),
        previous_check=(previous or {}).get("checked"),
        dead=dead,
        failing_once=[url for url, failure in state["failing"].items() if failure["runs"] < FAILURES_TO_REPORT],
        unchecked=[url for url in links if url not in results],
    )
    report.body = issue_body(report)
    return report


def issue_body(report: Report) -> str:
    lines = [MARKER]
    if not report.dead:
        lines += [f"**Every external link works again** (check of {report.checked}: {report.checked_links} of "
                  f"{report.links} addresses checked). Nothing to do."]
        return "\n".join(lines) + "\n"
    count = f"{len(report.dead)} external link" + ("s" if len(report.dead) > 1 else "")
    lines += [
        f"**{count} failed on {FAILURES_TO_REPORT} or more link checks in a row** (last check {report.checked}; "
        f"{report.checked_links} of {report.links} addresses checked). For each: the answer it got, the pages "
        "that carry it, and where it is written. Fix the address, remove the link, or, in data/, add beside it "
        "`archived:` with the address of an archived copy (for example from the Internet Archive's Wayback "
        "Machine); pages then show that copy beside it.",
        "",
    ]
    for link in report.dead:
        lines += [f"### {link.url}", "",
                  f"- **Answer:** {link.status} (failing since {link.since}, {link.runs} checks in a row)"]
        pages = [f"[{page.address}]({page.address}) ({page.lang})" for page in link.pages[:MAX_PAGES_LISTED]]
        more = len(link.pages) - MAX_PAGES_LISTED
        lines.append("- **Pages:** " + ", ".join(pages) + (f" and {more} more" if more > 0 else ""))
        for place in link.data:
            note = f"archived copy: {place.archived}" if place.archived else "**no archived copy yet**"
            lines.append(f"- **Data:** `{place.file}:{place.line}` ({note})")
        for place in link.docs:
            lines.append(f"- **Page source:** `{place.file}:{place.line}`")
        if not link.data and not link.docs:
            lines.append("- **Written by:** a template in overrides/ or the configuration (mkdocs.yml)")
        lines.append("")
    return "\n".join(lines)


def check(args: argparse.Namespace) -> int:
    site_url = args.site_url.rstrip("/") + "/"
    links = external_links(args.site, site_url)
    urls = list(links)
    results = run_linkchecker(urls, args.timeout, args.max_seconds, args.linkchecker) if urls else {}
    previous = load_state(args.state)
    today = args.today or datetime.now(timezone.utc).date().isoformat()
    state = next_state(previous, urls, results, today)
    report = make_report(args.root, links, results, previous, state)
    args.state.parent.mkdir(parents=True, exist_ok=True)
    args.state.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(asdict(report), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(urls)} external addresses, {len(results)} checked, {len(report.dead)} dead "
          f"(failed {FAILURES_TO_REPORT}+ checks in a row), {len(report.failing_once)} failed once, "
          f"{len(report.unchecked)} not reached in time.")
    for link in report.dead:
        print(f"  dead: {link.url}: {link.status}")
    for url in report.failing_once:
        print(f"  failed once: {url}: {state['failing'][url]['status']}")
    return 0


# --- the one issue ---------------------------------------------------------------------------


class GitHub:
    def __init__(self, api: str, repository: str, token: str) -> None:
        self.base = f"{api.rstrip('/')}/repos/{repository}"
        self.token = token

    def call(self, method: str, path: str, data: dict | None = None):
        request = urllib.request.Request(self.base + path, method=method, data=json.dumps(data).encode() if data else None)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")


def update_issue(report: dict, github: GitHub) -> str:
    """Open, update or close the one dead-links issue; what was done."""
    open_issues = github.call("GET", f"/issues?state=open&labels={LABEL}&per_page=100")
    ours = [issue for issue in open_issues if MARKER in (issue.get("body") or "") and "pull_request" not in issue]
    issue = ours[0] if ours else None
    if report["dead"]:
        if issue is None:
            made = github.call("POST", "/issues", {"title": report["title"], "body": report["body"], "labels": [LABEL]})
            return f"opened issue #{made['number']}"
        github.call("PATCH", f"/issues/{issue['number']}", {"title": report["title"], "body": report["body"]})
        return f"updated issue #{issue['number']}"
    if issue is None:
        return "no dead link, no issue open"
    if report["previous_check"] is None:
        # Without the earlier check (cache expired) nobody can tell whether a
        # link failed twice: leave the issue as it is until the next check.
        return f"no earlier check to compare with: issue #{issue['number']} left as it is"
    github.call("PATCH", f"/issues/{issue['number']}", {"body": report["body"]})
    github.call("POST", f"/issues/{issue['number']}/comments",
                {"body": f"Every external link works again (check of {report['checked']}). Closing."})
    github.call("PATCH", f"/issues/{issue['number']}", {"state": "closed", "state_reason": "completed"})
    return f"closed issue #{issue['number']}: every link works again"


def issue(args: argparse.Namespace) -> int:
    report = json.loads(args.report.read_text(encoding="utf-8"))
    missing = [name for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not os.environ.get(name)]
    if missing:
        print(f"{', '.join(missing)} not set: this step runs in GitHub Actions (see .github/workflows/links.yml).",
              file=sys.stderr)
        return 2
    github = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), os.environ["GITHUB_REPOSITORY"],
                    os.environ["GITHUB_TOKEN"])
    print(update_issue(report, github))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("check", help="check every external link of the built site")
    run.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (make build)")
    run.add_argument("--site-url", default=os.environ.get("SITE_URL"), required=not os.environ.get("SITE_URL"),
                     help="the address the site was built for (default: $SITE_URL)")
    run.add_argument("--state", type=Path, default=DEFAULT_STATE)
    run.add_argument("--out", type=Path, default=ROOT / "build-output" / "link-check.json")
    run.add_argument("--timeout", type=int, default=20, help="seconds for each connection")
    run.add_argument("--max-seconds", type=int, default=900, help="the longest the whole check may take")
    run.add_argument("--linkchecker", default=str(Path(sys.executable).parent / "linkchecker"))
    run.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # the project (data/, docs/)
    run.add_argument("--today", help=argparse.SUPPRESS)  # tests: the date of the check
    report = commands.add_parser("issue", help="open, update or close the dead-links issue")
    report.add_argument("--report", type=Path, default=ROOT / "build-output" / "link-check.json")
    args = parser.parse_args(argv)
    return check(args) if args.command == "check" else issue(args)


if __name__ == "__main__":
    sys.exit(main())
