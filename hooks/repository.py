"""Repository hook: the site names the repository it is built from.

Events: on_config (on GitHub Actions, stop the build with one line when the
workflow did not say which repository and branch it builds). Reads the
environment; writes nothing.

mkdocs.yml takes `repo_url` from REPO_URL and `edit_uri` from EDIT_URI (the
"edit this page" links, the header's repository link, the contact page's
"report a mistake" form and the accessibility page's issues link all follow
them). Every workflow sets both from GitHub's own context, as SITE_URL comes
from GitHub Pages: REPO_URL is `${{ github.server_url }}/${{ github.repository }}`,
EDIT_URI `edit/<the default branch>/docs/`. The defaults in mkdocs.yml serve
local builds only: a copy of the project built on GitHub from another
repository (a fork, a move to another organisation) would otherwise send
every editor and every reader's report to the assumed one, without a word.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from helpers import published

HOW = ("set both in the workflow's env, as every workflow in .github/workflows/ does: "
       "REPO_URL: ${{ github.server_url }}/${{ github.repository }} and "
       "EDIT_URI: edit/${{ github.event.repository.default_branch }}/%s/")


@event_priority(100)  # first: nothing else is worth doing for a build that would point elsewhere
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return config
    docs = Path(config.docs_dir).resolve().relative_to(published.project_root(config)).as_posix()
    repo_url, edit_uri = os.environ.get("REPO_URL", ""), os.environ.get("EDIT_URI", "")
    missing = [name for name, value in (("REPO_URL", repo_url), ("EDIT_URI", edit_uri)) if not value.strip()]
    if missing:
        problem = f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set"
    elif "//" in edit_uri or not (edit_uri.startswith("edit/") and edit_uri.endswith(f"/{docs}/")) or edit_uri == f"edit/{docs}/":
        problem = (f"EDIT_URI is {edit_uri!r}, not edit/<branch>/{docs}/ (an event that names no repository, such as a "
                   "schedule, has no default branch: fall back to github.ref_name)")
    else:
        return config
    raise PluginError(
        f"mkdocs.yml: on GitHub Actions the build must name the repository it is built from (repo_url and edit_uri: "
        f"the \"edit this page\" links and the contact page's mistake form), but {problem}: {HOW % docs}."
    )
