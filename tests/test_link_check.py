"""The weekly dead-link check (scripts/link_check.py), offline.

LinkChecker really runs, against a server on 127.0.0.1 that answers 200, a
redirect, 404, 500 and too slowly; GitHub's issues API is a local stand-in
that keeps its issues in memory. A small site and project (pages in both
languages, data/ with and without an archived copy, a docs/ page) stand for
the real one, whose own links are only collected here, never requested.
"""

from __future__ import annotations

import http.server
import json
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, load_data

sys.path.insert(0, str(ROOT / "scripts"))

import link_check  # noqa: E402

SLOW_SECONDS = 8  # the slow address answers after this long
TIMEOUT = 1  # LinkChecker's timeout in these tests
OWN = "https://example.github.io/site/"


class ExternalHost(http.server.BaseHTTPRequestHandler):
    """/ok 200, /moved 301 to /ok, /gone 404, /broken 500,
    /slow 200 after SLOW_SECONDS, /flaky 500 while `flaky_down`, else 200."""

    flaky_down = False

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        status = {
            "/ok": 200, "/slow": 200,
            "/gone": 404,
            "/broken": 500,
            "/flaky": 500 if type(self).flaky_down else 200,
        }.get(path, 404)
        content = b"<!doctype html><title>x</title><p>x</p>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hung up on the slow address: expected


@pytest.fixture
def host():
    """A fresh external host (its state reset) on a free port; its base URL."""
    handler = type("Host", (ExternalHost,), {"flaky_down": False})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    handler.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield handler
    server.shutdown()
    server.server_close()


def make_project(root: Path, base: str, paths: list[str]) -> Path:
    """A built site (a Latvian and an English page linking to every path on
    the host, and to the site itself) and the data/ and docs/ holding them."""
    site = root / "site"
    for folder, lang in (("", "lv"), ("en/", "en")):
        links = "".join(f'<a href="{base}{path}">{path}</a>' for path in paths)
        own = f'<a href="{OWN}about/">own</a><a href="mailto:info@example.org">mail</a><a href="../x/">rel</a>'
        page = site / folder / "about" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><html lang="{lang}"><body>{links}{own}</body></html>', encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "partners.yml").write_text(
        "partners:\n"
        "  - id: a\n"
        f"    url: {base}/gone\n"
        "  - id: b\n"
        "    sources: [broken-page]\n",
        encoding="utf-8",
    )
    # A source is registered once, with its archived copy (data/sources.yml).
    (root / "data" / "sources.yml").write_text(
        "sources:\n"
        "  - id: broken-page\n"
        f"    url: {base}/broken\n"
        "    archived: https://web.archive.org/web/2024/broken\n",
        encoding="utf-8",
    )
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "en" / "about.md").write_text(
        f"# About\n\nSee [the study]({base}/slow).\n\nNot the [slower one]({base}/slower).\n", encoding="utf-8")
    return site


def run_check(root: Path, site: Path, today: str, max_seconds: int = 60) -> dict:
    code = link_check.main([
        "check", "--site", str(site), "--site-url", OWN, "--root", str(root),
        "--state", str(root / "state" / "state.json"), "--out", str(root / "report.json"),
        "--timeout", str(TIMEOUT), "--max-seconds", str(max_seconds), "--today", today,
    ])
    assert code == 0
    return json.loads((root / "report.json").read_text(encoding="utf-8"))


def dead(report: dict) -> dict[str, str]:
    return {link["url"].rsplit("/", 1)[1]: link["status"] for link in report["dead"]}


def test_a_link_is_reported_only_after_failing_two_checks_in_a_row(host, tmp_path: Path) -> None:
    site = make_project(tmp_path, host.base, ["/ok", "/moved", "/gone", "/broken", "/slow", "/flaky"])
    host.flaky_down = True
    started = time.monotonic()
    first = run_check(tmp_path, site, "2026-01-05")
    assert time.monotonic() - started < SLOW_SECONDS, "the slow host held the check past its timeout"
    assert first["links"] == 6 and first["checked_links"] == 6 and first["unchecked"] == []
    assert first["dead"] == [] and first["previous_check"] is None
    assert sorted(u.rsplit("/", 1)[1] for u in first["failing_once"]) == ["broken", "flaky", "gone", "slow"]

    host.flaky_down = False  # up again for the second check
    second = run_check(tmp_path, site, "2026-01-12")
    assert second["previous_check"] == "2026-01-05"
    statuses = dead(second)
    assert sorted(statuses) == ["broken", "gone", "slow"]
    assert statuses["gone"] == "404 Not Found"
    assert statuses["broken"] == "500 Internal Server Error"
    assert "ReadTimeout" in statuses["slow"] or "timed out" in statuses["slow"], statuses["slow"]

    body = second["body"]
    assert body.startswith(link_check.MARKER)
    assert "**3 external links failed on 2 or more link checks in a row**" in body
    gone = body.split(f"### {host.base}/gone\n", 1)[1].split("###", 1)[0]
    assert "**Answer:** 404 Not Found (failing since 2026-01-05, 2 checks in a row)" in gone
    assert f"[{OWN}about/]({OWN}about/) (lv)" in gone and f"[{OWN}en/about/]({OWN}en/about/) (en)" in gone
    assert "`data/partners.yml:3` (**no archived copy yet**)" in gone
    broken = body.split(f"### {host.base}/broken\n", 1)[1].split("###", 1)[0]
    assert "`data/sources.yml:3` (archived copy: https://web.archive.org/web/2024/broken)" in broken
    slow = body.split(f"### {host.base}/slow\n", 1)[1]
    assert "**Page source:** `docs/en/about.md:3`" in slow and "about.md:5" not in slow, "only the address itself"
    for working in ("/ok", "/moved"):
        assert f"### {host.base}{working}\n" not in body

    assert second["failing_once"] == [], "the flaky address worked on the second check: its count starts again"


def test_a_link_that_works_again_leaves_the_report_and_a_flaky_one_never_enters_it() -> None:
    urls = ["https://healed.example/", "https://flaky.example/"]
    state = None
    for day, healed_ok, flaky_ok in [("01", False, False), ("02", False, True), ("03", True, False), ("04", True, True),
                                     ("05", True, False)]:
        results = {urls[0]: link_check.Result(healed_ok, "200 OK" if healed_ok else "404 Not Found"),
                   urls[1]: link_check.Result(flaky_ok, "200 OK" if flaky_ok else "500 Internal Server Error")}
        state = link_check.next_state(state, urls, results, f"2026-01-{day}")
        runs = {url: failure["runs"] for url, failure in state["failing"].items()}
        assert runs.get(urls[1], 0) < link_check.FAILURES_TO_REPORT, day
        if day == "02":
            assert runs[urls[0]] == 2
    assert urls[0] not in state["failing"]


def test_the_whole_check_ends_at_its_time_limit_keeping_what_it_found(host, tmp_path: Path) -> None:
    # 100 addresses timing out after 1 s each take LinkChecker's 10 threads >10 s.
    site = make_project(tmp_path, host.base, [f"/slow?{n}" for n in range(100)])
    started = time.monotonic()
    report = run_check(tmp_path, site, "2026-01-05", max_seconds=4)
    assert time.monotonic() - started < 8
    assert report["links"] == 100 and 0 < report["checked_links"] < 100, report["checked_links"]
    assert len(report["unchecked"]) == 100 - report["checked_links"]


def test_an_unchecked_address_keeps_its_count_and_a_vanished_one_is_forgotten() -> None:
    failing = {"runs": 1, "since": "2026-01-05", "status": "404 Not Found"}
    previous = {"checked": "2026-01-05", "failing": {"https://a.example/": failing, "https://gone.example/": failing}}
    state = link_check.next_state(previous, ["https://a.example/", "https://b.example/"],
                                  {"https://b.example/": link_check.Result(False, "500 Internal Server Error")}, "2026-01-12")
    assert state["failing"] == {
        "https://a.example/": failing,
        "https://b.example/": {"runs": 1, "since": "2026-01-12", "status": "500 Internal Server Error"},
    }


def test_every_external_link_of_the_real_site_is_collected_with_its_pages(site: Path) -> None:
    links = link_check.external_links(site, SITE_URL)
    assert links and not [url for url in links if url.startswith(SITE_URL) or not url.startswith(("http://", "https://"))]
    for partner in load_data("partners")["partners"]:
        pages = {(page.address, page.lang) for page in links[partner["url"]]}
        assert (f"{SITE_URL}partners/{partner['id']}/", "lv") in pages
        assert (f"{SITE_URL}en/partners/{partner['id']}/", "en") in pages
        places = link_check.data_places(ROOT, partner["url"])
        assert [place.file for place in places][:1] == ["data/partners.yml"]
        line = (ROOT / "data" / "partners.yml").read_text(encoding="utf-8").splitlines()[places[0].line - 1]
        assert partner["url"] in line
    # Each cited page is shown on the site and registered once, in data/sources.yml.
    for source in load_data("sources")["sources"]:
        assert source["url"] in links, source["id"]
        places = link_check.data_places(ROOT, source["url"])
        # (A project link of project.yml may be the same page.)
        assert [place.file for place in places].count("data/sources.yml") == 1, source["id"]


# --- the issue ----------------------------------------------------------------------------------


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """The three calls of GitHub's issues API the script makes."""

    issues: list[dict]
    comments: list[tuple[int, str]]

    def log_message(self, *args) -> None:
        pass

    def reply(self, data, status: int = 200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def read(self) -> dict:
        assert self.headers["Authorization"] == "Bearer test-token"
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self) -> None:
        assert self.path == "/repos/o/r/issues?state=open&labels=dead-links&per_page=100", self.path
        self.reply([i for i in self.issues if i["state"] == "open" and "dead-links" in i["labels"]])

    def do_POST(self) -> None:
        data = self.read()
        if self.path == "/repos/o/r/issues":
            issue = {"number": len(self.issues) + 1, "state": "open", "labels": data.pop("labels"), **data}
            self.issues.append(issue)
            self.reply(issue, 201)
        else:
            number = int(self.path.split("/")[-2])
            self.comments.append((number, data["body"]))
            self.reply({}, 201)

    def do_PATCH(self) -> None:
        issue = self.issues[int(self.path.rsplit("/", 1)[1]) - 1]
        issue.update(self.read())
        self.reply(issue)


@pytest.fixture
def github(monkeypatch):
    handler = type("GitHub", (FakeGitHub,), {"issues": [], "comments": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("GITHUB_API_URL", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_TOKEN", "test-token")
    yield handler
    server.shutdown()
    server.server_close()


def report_file(tmp_path: Path, dead_urls: list[str], previous: str | None = "2026-01-05") -> Path:
    report = link_check.Report(checked="2026-01-12", links=3, checked_links=3, previous_check=previous,
                               dead=[link_check.DeadLink(url, "404 Not Found", "2026-01-05", 2, []) for url in dead_urls],
                               failing_once=[], unchecked=[])
    report.body = link_check.issue_body(report)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(link_check.asdict(report)), encoding="utf-8")
    return path


def test_one_issue_is_opened_updated_and_closed_when_every_link_works(github, tmp_path: Path, capsys) -> None:
    github.issues.append({"number": 1, "state": "open", "labels": ["dead-links"], "title": "other", "body": "not ours"})
    assert link_check.main(["issue", "--report", str(report_file(tmp_path, ["https://a.example/"]))]) == 0
    assert [i["number"] for i in github.issues] == [1, 2]
    assert github.issues[1]["title"] == link_check.TITLE and "### https://a.example/" in github.issues[1]["body"]

    link_check.main(["issue", "--report", str(report_file(tmp_path, ["https://a.example/", "https://b.example/"]))])
    assert len(github.issues) == 2, "the open issue is updated, no second one opened"
    assert "### https://b.example/" in github.issues[1]["body"] and github.issues[1]["state"] == "open"

    link_check.main(["issue", "--report", str(report_file(tmp_path, [], previous=None))])
    assert github.issues[1]["state"] == "open", "without an earlier check nothing is declared fixed"

    link_check.main(["issue", "--report", str(report_file(tmp_path, []))])
    assert github.issues[1]["state"] == "closed"
    assert "Every external link works again" in github.issues[1]["body"]
    assert github.comments == [(2, "Every external link works again (check of 2026-01-12). Closing.")]
    assert github.issues[0] == {"number": 1, "state": "open", "labels": ["dead-links"], "title": "other", "body": "not ours"}
    out = capsys.readouterr().out
    assert "opened issue #2" in out and "updated issue #2" in out and "closed issue #2" in out


def test_the_issue_step_needs_the_token(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert link_check.main(["issue", "--report", str(report_file(tmp_path, []))]) == 2
    assert "GITHUB_TOKEN" in capsys.readouterr().err
