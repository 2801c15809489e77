"""Template cache hook: compile each theme template once, not once per build.

Events: on_env (give the theme's Jinja environment a bytecode cache). Every
language build makes a new Jinja environment and compiled Material's ~70
templates again, about a third of a small build. The compiled code is kept
in memory (shared by the language builds and `mkdocs serve` rebuilds of one
process) and in .cache/jinja/ beside mkdocs.yml (shared by later builds).
Jinja checks each template's source checksum before using cached code, so an
edited template is always compiled again. Writes only into .cache/jinja/.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


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


_caches: dict[Path, _MemoryAndDiskCache] = {}


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    directory = Path(config.config_file_path).parent / ".cache" / "jinja"
    if directory not in _caches:
        _caches[directory] = _MemoryAndDiskCache(directory)
    env.bytecode_cache = _caches[directory]
    return env
