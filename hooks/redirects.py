"""Redirects hook: old addresses keep leading readers to the page that replaced them.

Events: on_config (read data/redirects.yml; stop the build on a malformed
entry), on_files (check every entry against the pages of this build: the
target exists in that language, the old address is no longer published, no
duplicates, chains or loops), on_post_build (write one static page per old
address of the building language, from overrides/redirect.html). Reads
data/redirects.yml and data/ui/; writes only into site_dir.

GitHub Pages has no server-side redirects, and mkdocs-redirects gets the
default language wrong under the i18n plugin's folder layout (stack-notes.md),
so the pages are written here: correct `lang`, canonical link to the target,
an immediate meta refresh, a script keeping the #fragment, a visible link,
noindex. Links are relative, so the pages work under a project sub-path, at a
custom domain's root and on the local preview alike.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from helpers import published, redirect_rules, sitedata


def _load(config: MkDocsConfig) -> list[redirect_rules.Redirect]:
    try:
        return redirect_rules.load(published.project_root(config), published.languages(config))
    except sitedata.DataError as error:
        raise PluginError(f"Mistakes in {redirect_rules.FILE} (nothing was published):\n" + "\n".join(error.messages))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _load(config)
    return config


@event_priority(50)  # after hooks/pages.py added the generated pages, before i18n keeps one language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    errors = redirect_rules.check(_load(config), published.current())
    if errors:
        raise PluginError(f"Mistakes in {redirect_rules.FILE} (nothing was published):\n" + "\n".join(errors))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    lang = published.building_language(config)
    redirects = [r for r in _load(config) if r.lang == lang]
    if not redirects:
        return
    ui = sitedata.load(published.project_root(config) / "data").ui[lang]
    template = config.theme.get_env().get_template("redirect.html")
    for redirect in redirects:
        page = redirect.source if redirect.source.endswith(".html") else redirect.source + "index.html"
        html = template.render(
            lang=lang,
            ui=ui,
            site_name=config.site_name,
            target_url=published.current().absolute(redirect.target),
            target_href=published.relative_href(redirect.source, redirect.target),
        )
        out = Path(config.site_dir) / page
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
