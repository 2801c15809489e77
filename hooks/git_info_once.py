"""Git info hook: the macros plugin asks git once per process, not per build.

Events: on_startup (once per `mkdocs build` or `mkdocs serve` process, before
any build). mkdocs-macros-plugin runs twelve `git` commands in every
on_config to offer a `git` variable that no page of ours uses: twice per
build (once per language) and twice per `mkdocs serve` rebuild. The plugin
has no setting to skip or cache that, so its function is wrapped in a cache
here (a few lines instead of a fork of the plugin). Reads nothing, writes
nothing.
"""

from __future__ import annotations

import functools


def on_startup(command: str, dirty: bool) -> None:
    from mkdocs_macros import context

    if not hasattr(context.get_git_info, "cache_info"):
        context.get_git_info = functools.lru_cache(maxsize=1)(context.get_git_info)
