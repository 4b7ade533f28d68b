"""py3langid's bundled language model, loaded cheaply.

The shipped model is one LZMA-compressed npz (4.6 MB): decompressing it is most of what loading
costs (about 0.5 CPU-s per process), and its two big arrays (the feature probabilities, 28 MB,
and the tokeniser's state table, 39 MB) are then held in every process's private memory. Here it
is decompressed once into the user cache (`newsprism.compiled`), with the two big arrays as
their own `.npy` files that every process maps read-only: a process touches only the pages of the
features its texts contain, and pool workers share them. Scores are the same as py3langid's own
loader gives (same arrays, same classifier class).
"""

from __future__ import annotations

import io
import logging
import lzma
from functools import partial
from pathlib import Path
from typing import Any

from newsprism import compiled

log = logging.getLogger(__name__)

_BIG = ("ptc", "nextmove")


def load_identifier() -> Any:
    """A py3langid LanguageIdentifier (probabilities normalised), from the cache when it can."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = MODEL_DIR / MODEL_FILE
    stat = model.stat()
    key = compiled.source_key(model.name, str(stat.st_size), str(stat.st_mtime_ns),
                              getattr(py3langid, "__version__", ""))
    npz = compiled.cached_file("langid-model", key, lambda: lzma.decompress(model.read_bytes()))
    big: dict[str, Path | None] = {}
    for name in _BIG if npz is not None else ():
        big[name] = compiled.cached_file(f"langid-{name}", key, partial(_npy, npz, name))
    if npz is None or any(p is None for p in big.values()):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    try:
        return _from_files(LanguageIdentifier, npz, {k: v for k, v in big.items() if v is not None})
    except (OSError, ValueError, KeyError) as exc:  # a damaged file: the shipped model, as before
        log.warning("cached language model in %s unreadable (%s); using the shipped one", npz.parent, exc)
        for path in (npz, *big.values()):
            if path is not None:
                path.unlink(missing_ok=True)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _npy(npz: Path | None, name: str) -> bytes:
    """One array of the decompressed model as a `.npy` file's bytes."""
    import numpy as np

    if npz is None:
        raise OSError("no decompressed model")
    with np.load(npz, allow_pickle=False) as data:
        out = io.BytesIO()
        np.save(out, np.ascontiguousarray(data[name]), allow_pickle=False)
        return out.getvalue()


def _from_files(cls: Any, npz: Path, big: dict[str, Path]) -> Any:
    from array import array

    import numpy as np

    def to_array(arr: Any) -> array[Any]:
        out = array({2: "H", 4: "I", 8: "L"}[arr.dtype.itemsize])
        out.frombytes(np.ascontiguousarray(arr).tobytes())
        return out

    ptc = np.load(big["ptc"], mmap_mode="r", allow_pickle=False)
    nextmove = np.load(big["nextmove"], mmap_mode="r", allow_pickle=False)
    if nextmove.ndim != 1 or nextmove.dtype.kind != "u":
        raise ValueError(f"unexpected state table {nextmove.dtype} {nextmove.shape}")
    with np.load(npz, allow_pickle=False) as data:
        return cls(ptc, np.asarray(data["pc"]), data["classes"].tolist(), memoryview(nextmove),
                   data["out_feat"].tolist(), norm_probs=True, tk_row=to_array(data["nextmove_row"]))
