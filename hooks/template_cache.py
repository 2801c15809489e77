"""Theme cache hook: compile each theme template and list the theme's files
once per process, not once per language build.

Events: on_startup (once per `mkdocs build` / `mkdocs serve` process, before
any build). Every language build, and every `mkdocs serve` rebuild, makes a
new Jinja environment that compiles Material's ~70 templates again, and walks
Material's ~15 000 theme files (icons included) to find the static ones to
copy: together about half of a serve rebuild. MkDocs has no setting for
either, so two of its functions are wrapped here:

- `Theme.get_env` gives every theme environment one bytecode cache, kept in
  memory and in .cache/jinja/ beside mkdocs.yml (Jinja checks each
  template's source checksum before using cached code: an edited template is
  compiled again);
- `Files.add_files_from_theme` remembers the theme's file list while no
  folder of the theme's own directories (overrides/ included) changed.

Writes only into .cache/jinja/.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme


class _MemoryAndDiskCache(FileSystemBytecodeCache):
    # Jinja ships memory (memcached) and disk caches but no two-level one.
    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))
        self.compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.compiled.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code
            return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only checkout still builds, only slower


def _folders_state(dirs: list[str]) -> tuple:
    """Every folder of the theme directories with its modification time: a
    file added, removed or renamed anywhere changes one of them."""
    state = []
    for top in dirs:
        for folder, subfolders, _ in os.walk(top):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            state.append((folder, os.stat(folder).st_mtime_ns))
    return tuple(state)


def on_startup(command: str, dirty: bool) -> None:
    if getattr(Theme.get_env, "cached_by_hook", False):
        return  # `mkdocs serve` loads the hooks again on every rebuild
    caches: dict[str, _MemoryAndDiskCache] = {}
    get_env = Theme.get_env

    def get_env_with_cache(self: Theme):
        env = get_env(self)
        # .cache/ beside mkdocs.yml, which is beside overrides/.
        site_root = Path(self.custom_dir).parent if self.custom_dir else Path.cwd()
        directory = (site_root / ".cache" / "jinja").resolve()
        key = str(directory)
        if key not in caches:
            caches[key] = _MemoryAndDiskCache(directory)
        env.bytecode_cache = caches[key]
        return env

    get_env_with_cache.cached_by_hook = True
    Theme.get_env = get_env_with_cache

    listings: dict[tuple, list[tuple[str, str]]] = {}
    add_files_from_theme = Files.add_files_from_theme

    def add_files_from_theme_cached(self: Files, env, config: MkDocsConfig) -> None:
        # The i18n plugin adds its sitemap folder again for each language:
        # the same folders, the same files. Installed themes do not change
        # while the process runs; only the project's own folder is watched.
        dirs = tuple(dict.fromkeys(config.theme.dirs))
        watched = [config.theme.custom_dir] if config.theme.custom_dir else []
        key = (dirs, tuple(config.theme.static_templates), _folders_state(watched))
        if key not in listings:
            everything = Files([])
            add_files_from_theme(everything, env, config)
            if len(listings) > 8:
                listings.clear()
            listings[key] = [(file.src_uri, file.src_dir) for file in everything]
        for path, folder in listings[key]:
            # As MkDocs does: theme files do not override docs_dir files.
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme_cached
