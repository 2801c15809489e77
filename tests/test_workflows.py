"""The GitHub Actions workflows in .github/workflows/.

Both linters run here, offline, from the packages `make install` put into
.venv (actionlint with shellcheck for the `run:` scripts; zizmor with
--offline and its strictest persona). Each one is also run on a workflow
with known mistakes, so a linter that silently checks nothing fails the
tests. The rest asserts the project's own rules for its workflows.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
TEST_WORKFLOW = WORKFLOWS / "test.yml"
DEPLOY_WORKFLOW = WORKFLOWS / "deploy.yml"
LINKS_WORKFLOW = WORKFLOWS / "links.yml"
# The linters are installed into the same virtual environment as pytest.
VENV_BIN = Path(sys.executable).parent
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")

# A workflow with one mistake of each kind the linters must catch.
BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo $HOME/$1
      - run: echo "${{ steps.nothing.outputs.x }}"
"""


def tool(name: str) -> Path:
    path = VENV_BIN / name
    assert path.exists(), f"{path} is missing: run `make install` (it installs {name} from requirements.lock)"
    return path


def offline_env() -> dict[str, str]:
    """No token reaches the linters: nothing they do may need GitHub."""
    return {k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}}


def actionlint(*files: Path) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [str(tool("actionlint")), "-no-color", f"-shellcheck={tool('shellcheck')}", "-pyflakes=",
         "-format", "{{json .}}", *map(str, files)],
        cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.strip(), f"actionlint printed nothing (exit {result.returncode}): {result.stderr}"
    return result.returncode, json.loads(result.stdout)


def zizmor(*paths: Path) -> tuple[int, list[dict]]:
    # --no-config: no zizmor.yml can switch an audit off; auditor: every audit,
    # at every confidence. Offline, zizmor skips only the five audits that ask
    # GitHub's API (impostor-commit, ref-confusion, known-vulnerable-actions,
    # stale-action-refs, ref-version-mismatch).
    result = subprocess.run(
        [str(tool("zizmor")), "--offline", "--no-config", "--persona=auditor", "--format=json",
         "--no-progress", "--color=never", *map(str, paths)],
        cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.strip(), f"zizmor printed nothing (exit {result.returncode}): {result.stderr}"
    return result.returncode, json.loads(result.stdout)


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def step_index(job: dict, predicate) -> int:
    matches = [i for i, step in enumerate(job["steps"]) if predicate(step)]
    assert len(matches) == 1, f"expected exactly one such step, found {len(matches)}"
    return matches[0]


# --- the linters --------------------------------------------------------------


def test_actionlint_finds_nothing():
    code, errors = actionlint(*workflow_files())
    assert errors == [], "\n".join(f"{e['filepath']}:{e['line']}: {e['message']} [{e['kind']}]" for e in errors)
    assert code == 0


def test_zizmor_finds_nothing():
    code, findings = zizmor(WORKFLOWS)
    assert findings == [], "\n".join(f"{f['ident']}: {f['desc']}" for f in findings)
    assert code == 0


def test_no_linter_finding_is_silenced_in_the_workflows():
    for path in workflow_files():
        text = path.read_text(encoding="utf-8")
        assert "zizmor: ignore" not in text, f"{path.name} silences a zizmor finding"
    assert not (ROOT / ".github" / "actionlint.yaml").exists()
    assert not (ROOT / ".github" / "actionlint.yml").exists()


def test_actionlint_reports_a_bad_workflow(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    code, errors = actionlint(bad)
    assert code == 1
    messages = [(e["kind"], e["line"], e["message"]) for e in errors]
    # Untrusted input in a script (line 7), an unknown step's output (line 9),
    # and shellcheck's unquoted variables (line 8): shellcheck really runs.
    assert any(kind == "expression" and line == 7 and "untrusted" in msg for kind, line, msg in messages), messages
    assert any(kind == "expression" and line == 9 and '"nothing" is not defined' in msg for kind, line, msg in messages), messages
    assert any(kind == "shellcheck" and line == 8 and "SC2086" in msg for kind, line, msg in messages), messages


def test_zizmor_reports_a_bad_workflow_offline(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    code, findings = zizmor(bad)
    assert code != 0
    assert {"dangerous-triggers", "unpinned-uses", "artipacked", "template-injection",
            "excessive-permissions"} <= {f["ident"] for f in findings}


@pytest.mark.parametrize(
    ("workflow", "old", "new", "audit"),
    [
        # The settings the real workflows rely on, each undone in turn.
        (DEPLOY_WORKFLOW, "persist-credentials: false", "persist-credentials: true", "artipacked"),
        (TEST_WORKFLOW, "permissions: {}", "permissions: write-all", "excessive-permissions"),
        (DEPLOY_WORKFLOW, re.compile(r"@[0-9a-f]{40} # (v\d+)\.\d+\.\d+"), r"@\1", "unpinned-uses"),
        (TEST_WORKFLOW, "  pull_request:\n", "  pull_request_target:\n", "dangerous-triggers"),
        (LINKS_WORKFLOW, "persist-credentials: false", "persist-credentials: true", "artipacked"),
        (LINKS_WORKFLOW, "SITE_URL: ${{ steps.pages.outputs.base_url }}/\n        run: .venv/bin/python scripts/link_check.py check",
         "SITE_URL: x\n        run: SITE_URL=${{ steps.pages.outputs.base_url }}/ .venv/bin/python scripts/link_check.py check",
         "template-injection"),
    ],
)
def test_zizmor_reports_each_safeguard_removed(tmp_path: Path, workflow: Path, old, new: str, audit: str):
    text = workflow.read_text(encoding="utf-8")
    pattern = old if isinstance(old, re.Pattern) else re.compile(re.escape(old))
    assert pattern.search(text), f"{workflow.name} no longer contains {pattern.pattern!r}: update this test"
    changed = tmp_path / workflow.name
    changed.write_text(pattern.sub(new, text, count=1), encoding="utf-8")
    _, findings = zizmor(changed)
    assert audit in {f["ident"] for f in findings}


# --- the project's rules for every workflow -------------------------------------


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_grants_nothing_by_default(path: Path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], f"job {job_id} must list its permissions"
        assert "write-all" not in str(job["permissions"]) and "contents" not in {
            k for k, v in job["permissions"].items() if v == "write"
        }, f"job {job_id} must not write to the repository"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path):
    for job_id, job in load(path)["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, job_id


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if USES_LINE.match(line)]
    assert len(lines) == sum(1 for _, step in steps(load(path)) if "uses" in step)
    for line in lines:
        assert PINNED_USES.match(line), f"{path.name}: {line.strip()!r} is not `owner/repo@<40-hex SHA> # vX.Y.Z`"


def test_the_same_action_is_pinned_to_the_same_commit_everywhere():
    pins: dict[str, set[str]] = {}
    for path in workflow_files():
        for _, step in steps(load(path)):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                pins.setdefault(action, set()).add(sha)
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path):
    checkouts = [step for _, step in steps(load(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_privileged_trigger_and_no_secrets(path: Path):
    workflow = load(path)
    triggers = set(workflow["on"]) if isinstance(workflow["on"], dict) else {workflow["on"]}
    assert not triggers & {"pull_request_target", "workflow_run"}
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_every_job_runs_in_one_debian_python_image_pinned_by_digest():
    """GitHub's runner is our CI: the same Debian packages (chromium, Java,
    Hunspell's dictionaries) as on our machines, from one image, the
    project's oldest supported Python, pinned so it cannot change unseen."""
    images = {(path.name, name): (job.get("container") or {}).get("image") for path in workflow_files()
              for name, job in load(path)["jobs"].items()}
    assert None not in images.values(), [where for where, image in images.items() if image is None]
    (image,) = set(images.values())
    match = re.fullmatch(r"python:(?P<python>\d+\.\d+)-(?P<debian>bookworm|trixie)@sha256:[0-9a-f]{64}", image)
    assert match, image
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={match["python"]}"' in pyproject
    for path in workflow_files():
        assert "setup-python" not in path.read_text(encoding="utf-8"), f"{path.name}: the image brings Python"


# The repository and default branch a build names (mkdocs.yml's repo_url and
# edit_uri), as GitHub's context gives them; a scheduled run's event names no
# repository, so links.yml falls back to the branch it runs on (the default).
REPO_URL = "${{ github.server_url }}/${{ github.repository }}"
EDIT_URI = re.compile(r"edit/\$\{\{ github\.event\.repository\.default_branch(?P<fallback> \|\| github\.ref_name)? \}\}/docs/")


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_that_runs_our_code_names_the_repository_it_is_built_from(path: Path):
    """A job that runs make (a build: make check, make test, make build) or a
    script of ours gets REPO_URL and EDIT_URI from GitHub's context, never a
    repository written down: built in a fork or after a move, the edit links
    and the mistake form point to the repository that built it."""
    assert "docs_dir: docs\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "EDIT_URI below names docs/"
    assert "repo_url: !ENV [REPO_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "edit_uri: !ENV [EDIT_URI," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    workflow = load(path)
    schedule = "schedule" in workflow["on"]
    for name, job in workflow["jobs"].items():
        if not any("run" in step for step in job.get("steps", [])):
            continue
        for step in job["steps"]:
            env = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
            assert env.get("REPO_URL") == REPO_URL, f"{path.name}: job {name}, step {step.get('name')}: REPO_URL is {env.get('REPO_URL')!r}"
            edit = EDIT_URI.fullmatch(env.get("EDIT_URI", ""))
            assert edit, f"{path.name}: job {name}, step {step.get('name')}: EDIT_URI is {env.get('EDIT_URI')!r}"
            assert bool(edit["fallback"]) == schedule, f"{path.name}: EDIT_URI needs `|| github.ref_name` exactly when the workflow runs on a schedule"


# --- the pull-request workflow --------------------------------------------------


def test_pull_requests_run_every_test_only_after_the_content_check_passed():
    """The fast check first (its messages reach the editor in minutes), the
    README's test command after it, and only when it passed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", readme, re.M), "the README's test command changed: update the workflows"
    workflow = load(TEST_WORKFLOW)
    assert set(workflow["on"]) == {"pull_request"}
    runs = {name: [step["run"] for step in job["steps"] if "run" in step] for name, job in workflow["jobs"].items()}
    (check_job,) = [name for name, commands in runs.items() if commands[:1] == ["make check"]]
    (test_job,) = [name for name, commands in runs.items() if commands == ["make test"]]
    test = workflow["jobs"][test_job]
    assert check_job in ([test["needs"]] if isinstance(test["needs"], str) else test["needs"])
    assert "if" not in test and not any("if" in step or "continue-on-error" in step for step in workflow["jobs"][check_job]["steps"])


# --- the deploy workflow --------------------------------------------------------


def test_deploy_publishes_only_after_every_test_passed():
    jobs = load(DEPLOY_WORKFLOW)["jobs"]
    build = jobs["build"]
    tests = step_index(build, lambda s: s.get("run") == "make test")
    site = step_index(build, lambda s: s.get("run") == "make build")
    upload = step_index(build, lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert tests < site < upload
    assert build["steps"][upload]["with"] == {"path": "site/"}
    # No step may let a failure through to the upload.
    assert not any("continue-on-error" in s or "if" in s for s in build["steps"])
    assert not any(key in build for key in ("continue-on-error", "if"))
    assert jobs["deploy"]["needs"] == "build"


def test_deploy_builds_for_the_address_github_pages_reports():
    build = load(DEPLOY_WORKFLOW)["jobs"]["build"]
    configure = build["steps"][step_index(build, lambda s: s.get("uses", "").startswith("actions/configure-pages@"))]
    make_build = build["steps"][step_index(build, lambda s: s.get("run") == "make build")]
    assert make_build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % configure["id"]
    assert set(make_build["env"]) == {"SITE_URL", *GIT_SAFE}
    # mkdocs.yml reads the address from SITE_URL, its one place.
    assert "site_url: !ENV [SITE_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# The container jobs run as root in a checkout that belongs to the runner's
# user: git reads it only when told it is safe (command-scope configuration).
GIT_SAFE = {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*"}


def test_every_step_that_runs_make_in_a_container_can_read_the_checkout_with_git():
    """make check compares with the base branch and reads the commit's date,
    the sitemap dates each page by its last commit: all need git."""
    for path in (TEST_WORKFLOW, DEPLOY_WORKFLOW):
        for job_id, step in steps(load(path)):
            if "container" in load(path)["jobs"][job_id] and str(step.get("run", "")).startswith("make "):
                assert {k: step.get("env", {}).get(k) for k in GIT_SAFE} == GIT_SAFE, (path.name, job_id, step["run"])


def test_only_the_publishing_job_may_write_to_pages():
    """Least privilege: a job that runs the project's code (make test, make
    build) can write nowhere; the one job that may write to Pages runs no
    code of ours, only GitHub's deploy action."""
    for path in workflow_files():
        for name, job in load(path)["jobs"].items():
            writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
            runs_our_code = any("run" in step for step in job.get("steps", []))
            if "pages" in writes:
                assert not runs_our_code, f"{path.name}: job {name} writes to Pages and runs commands"
                assert [step["uses"].split("@")[0] for step in job["steps"]] == ["actions/deploy-pages"], name
            if runs_our_code:
                assert not writes - {"issues"}, f"{path.name}: job {name} runs our code with write access to {writes}"


# --- the weekly link check --------------------------------------------------------


def test_a_token_reaches_only_the_step_that_updates_the_issue():
    """The token (issues: write) is passed to the one step that talks to
    GitHub; the build and LinkChecker, which fetch from every linked host,
    run without it."""
    for path in workflow_files():
        for job_id, job in load(path)["jobs"].items():
            holding = [step for step in job.get("steps", []) if "github.token" in json.dumps(step)]
            if job["permissions"].get("issues") == "write":
                assert [step.get("run") for step in holding] == [".venv/bin/python scripts/link_check.py issue"], job_id
            else:
                assert holding == [], f"{path.name}: job {job_id} passes a token it needs for nothing"


def test_link_counts_are_restored_before_the_check_and_saved_after_it():
    sys.path.insert(0, str(ROOT / "scripts"))
    import link_check

    (job,) = load(LINKS_WORKFLOW)["jobs"].values()
    restore = step_index(job, lambda s: s.get("uses", "").startswith("actions/cache/restore@"))
    check = step_index(job, lambda s: "link_check.py check" in s.get("run", ""))
    save = step_index(job, lambda s: s.get("uses", "").startswith("actions/cache/save@"))
    assert restore < check < save
    saved, restored = job["steps"][save]["with"], job["steps"][restore]["with"]
    # The cached folder holds the state file the script keeps (its default).
    assert saved["path"] == restored["path"] and link_check.DEFAULT_STATE.is_relative_to(ROOT / saved["path"])
    assert "--state" not in job["steps"][check]["run"]
    # Each run saves under a new key; the next restores the newest by prefix.
    assert "github.run_id" in saved["key"] and saved["key"].startswith(restored["restore-keys"])


def test_the_link_check_never_blocks_publishing():
    deploy = json.dumps(load(DEPLOY_WORKFLOW))
    assert "workflow_run" not in deploy and "link" not in deploy
