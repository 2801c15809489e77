"""Build the two languages in two processes at once, then merge the trees.

mkdocs-static-i18n builds the default language, then, in its on_post_build,
every other language into the same folder, one after the other: the last
build wins for a file both write, and the search index is rebuilt at the end
from the entries of all languages. On a machine with two cores half of that
time is spent waiting. Here:

- process "lv" runs `mkdocs build` as usual but stops before the plugin's
  loop over the other languages;
- process "en" runs the same build, but the Latvian pages are only read
  into the navigation, not rendered (the i18n plugin, the sitemap and every
  hook still see both languages' files and pages), and the folder is
  emptied just before the English build, so it holds exactly what the
  English build wrote;
- the trees are merged: the English process's files win (as the last build
  does). Each language writes its own search index (hooks/search.py).

tests/test_parallel_build.py proves the result equals a normal build file by
file. `BUILD_PARALLEL=0` builds in one process, the plain way.

    python scripts/parallel_build.py --render lv|en --site-dir DIR [--config-file F]

(that is one of the two processes; build.py starts them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("lv", "en")  # the default language first, as the plugin builds them
# Not --quiet: it silences warnings before --strict can count them, and a
# broken link would pass. Progress lines (INFO) are left out of the report.
BUILD_FLAGS = ("--strict",)


@dataclass
class ProcessResult:
    returncode: int
    output: str
    peak_rss_kib: int
    cpu_s: float  # user + system time of the process


def _run(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> list[ProcessResult]:
    """Run the commands at once; return each one's exit code, output and peak memory."""
    running = []
    for command in commands:
        log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        running.append((process, log))
    results = []
    for process, log in running:
        # os.wait4 gives the peak memory of this one process (resource's
        # RUSAGE_CHILDREN only the largest of all children).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        results.append(ProcessResult(process.returncode, log.read(), usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
        log.close()
    return results


def build_parallel(out_dir: Path, root: Path, env: dict[str, str], extra_args: list[str] | None = None) -> list[ProcessResult]:
    """Build the site at `root` into out_dir with one process per language."""
    out_dir = Path(out_dir).resolve()
    other = Path(tempfile.mkdtemp(prefix=".site-en-", dir=out_dir.parent))
    try:
        commands = [
            [sys.executable, str(Path(__file__).resolve()), "--render", lang, "--site-dir", str(target),
             "--config-file", str(root / "mkdocs.yml"), *(extra_args or [])]
            for lang, target in ((LANGUAGES[0], out_dir), (LANGUAGES[1], other))
        ]
        results = _run(commands, root, env)
        if all(r.returncode == 0 for r in results):
            merge(out_dir, other)
        return results
    finally:
        shutil.rmtree(other, ignore_errors=True)


def run_sequential(out_dir: Path, root: Path, env: dict[str, str]) -> list[ProcessResult]:
    """The plain build: one `mkdocs build` process, the languages one after the other."""
    command = [sys.executable, "-m", "mkdocs", "build", *BUILD_FLAGS,
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(Path(out_dir).resolve())]
    return _run([command], root, env)


def merge(default_tree: Path, other_tree: Path) -> None:
    """Move every file of other_tree over default_tree (the last build wins)."""
    for source in sorted(other_tree.rglob("*")):
        if source.is_dir():
            continue
        target = default_tree / source.relative_to(other_tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


# --- one of the two processes ------------------------------------------------


def _render_only(render: str) -> None:
    """Patch MkDocs and the i18n plugin so that only `render`'s pages are rendered."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure.files import Files
    from mkdocs_static_i18n import plugin as i18n_plugin

    def rendering(config) -> bool:
        return config.plugins["i18n"].current_language == render

    populate_page, build_page, copy_static_files = mkdocs_build._populate_page, mkdocs_build._build_page, Files.copy_static_files

    def _populate_page(page, config, *args, **kwargs):
        if rendering(config):
            populate_page(page, config, *args, **kwargs)

    def _build_page(page, config, doc_files, nav, *args, **kwargs):
        if rendering(config):
            build_page(page, config, doc_files, nav, *args, **kwargs)
        else:
            # What rendering the page would leave behind in the i18n plugin:
            # it points the language switcher in config at this page, and the
            # next language's 404 page shows that (a known quirk, kept equal).
            config.plugins["i18n"].on_page_context({}, page=page, config=config, nav=nav)

    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page

    if render == LANGUAGES[0]:
        # Stop before the plugin builds the other languages.
        i18n_plugin.build = lambda config, **kwargs: None
        return

    state = {"config": None}

    def skip_static_files(self, *args, **kwargs):
        # The default language's copy of the theme files is thrown away below.
        if state["config"] is None or rendering(state["config"]):
            copy_static_files(self, *args, **kwargs)

    Files.copy_static_files = skip_static_files
    build_theme_template = mkdocs_build._build_theme_template

    def skip_theme_template(template_name, env, files, config, nav):
        # sitemap.xml and 404.html of the default language: thrown away below.
        if rendering(config):
            build_theme_template(template_name, env, files, config, nav)

    mkdocs_build._build_theme_template = skip_theme_template
    build_language = i18n_plugin.build

    def build_other_language(config, **kwargs):
        # Keep only what this language's build writes: empty the folder.
        site_dir = Path(config.site_dir)
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        return build_language(config, **kwargs)

    i18n_plugin.build = build_other_language

    from mkdocs import plugins as mkdocs_plugins

    on_config = mkdocs_plugins.PluginCollection.on_config

    def remember_config(self, config):
        state["config"] = config
        return on_config(self, config)

    mkdocs_plugins.PluginCollection.on_config = remember_config


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="one language process of the parallel build")
    parser.add_argument("--render", choices=LANGUAGES, required=True)
    parser.add_argument("--site-dir", required=True)
    parser.add_argument("--config-file", default="mkdocs.yml")
    args = parser.parse_args()
    _render_only(args.render)
    from mkdocs.__main__ import cli

    # MkDocs' own command line, so that --strict and --quiet mean what they
    # mean there; it exits with its status.
    cli.main(["build", *BUILD_FLAGS, "--config-file", args.config_file, "--site-dir", args.site_dir], prog_name="mkdocs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
