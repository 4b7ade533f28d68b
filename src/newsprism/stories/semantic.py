"""Optional semantic signal for story clustering: sentence embeddings from a model the user has
installed. Nothing is downloaded: the model must already be in the local cache or on disk.

The default clustering needs none of this. With an embedder, each article's title and lead are
embedded (unit length) and a story's score blends the term cosine with the embedding cosine
(`ClusterConfig.semantic_weight`).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from newsprism.errors import ConfigError
from newsprism.records import Article

log = logging.getLogger(__name__)

LEAD_CHARS = 1500  # what is embedded: the title and the start of the text


class Embedder(Protocol):
    """Turns a text into a unit-length vector; the same text always gives the same vector."""

    name: str

    def encode(self, text: str) -> list[float]: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from local files only (`pip install sentence-transformers`)."""

    def __init__(self, model: str) -> None:
        self.name = model
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError("the semantic story signal needs the sentence-transformers package",
                              hint="pip install sentence-transformers, or leave it off") from exc
        try:
            self._model: Any = SentenceTransformer(model, local_files_only=True)
        except Exception as exc:  # the library raises many kinds; all mean "not usable here"
            raise ConfigError(f"cannot load the embedding model {model!r} from local files: {exc}",
                              hint="install the model locally first; newsprism never downloads one") from exc

    def encode(self, text: str) -> list[float]:
        vec = self._model.encode([text], normalize_embeddings=True)[0]
        return [round(float(x), 6) for x in vec]


def embed_article(embedder: Embedder, article: Article) -> list[float]:
    """The embedding of an article's title and lead."""
    head = f"{article.title}\n" if article.title else ""
    return embedder.encode(head + article.text[:LEAD_CHARS])
