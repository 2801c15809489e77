"""Template cache hook: compile each theme template once, not once per build.

Events: on_env (every language build and every `mkdocs serve` rebuild, with
the theme's new Jinja environment, before it renders anything). Each of
those makes a new environment that would compile Material's templates again;
here every environment gets one Jinja bytecode cache (`bytecode_cache`,
Jinja's documented setting), kept in memory for this process and in
.cache/jinja/ beside mkdocs.yml for the next one. Jinja checks each
template's source checksum before it uses cached code: an edited template is
compiled again.

Writes only into .cache/jinja/.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from helpers.published import project_root


class MemoryAndDiskCache(FileSystemBytecodeCache):
    """Jinja ships memory (memcached) and disk caches but no two-level one."""

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


_caches: dict[Path, MemoryAndDiskCache] = {}


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    directory = project_root(config) / ".cache" / "jinja"
    if directory not in _caches:
        try:
            _caches[directory] = MemoryAndDiskCache(directory)
        except OSError:
            return env  # no cache where nothing can be written
    env.bytecode_cache = _caches[directory]
    return env
