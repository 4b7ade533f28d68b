"""Plain text and Markdown articles: cleaning plus the metadata the text and the caller give."""

from __future__ import annotations

import logging
from typing import Any

from newsprism.errors import EmptyInput
from newsprism.ingest.boiler import leading_url
from newsprism.ingest.checks import check_text, valid_url
from newsprism.ingest.clean import Cleaned, clean_text
from newsprism.ingest.meta import (
    dateline_agency,
    detect_language,
    find_date,
    normalise_published,
    outlet_from_url,
    parse_dateline,
    path_hints,
    split_credits,
)
from newsprism.records import Article, Removed, article_id

log = logging.getLogger(__name__)

META_KEYS = ("title", "url", "published", "outlet", "authors", "agency", "language")


def article_from_text(text: str, source: str, **meta: Any) -> Article:
    """A clean Article from raw text or Markdown; `meta` (title, url, published, outlet, authors,
    agency, language) wins over what is found in the text. Raises EmptyInput when no body is left."""
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        raise TypeError(f"unknown metadata {sorted(unknown)}; known: {', '.join(META_KEYS)}")
    cleaned = clean_text(text, title=_str(meta.get("title")))
    if not cleaned.text.strip():
        raise EmptyInput(source, "no article text left after cleaning", hint="the input is empty or only boilerplate")
    return build_article(cleaned, source, meta)


def build_article(cleaned: Cleaned, source: str, meta: dict[str, Any]) -> Article:
    """Merge caller metadata, cleaning's findings and the dateline into an Article.

    Raises NotText or TooLarge when the text is not an article's (see `checks.check_text`); a
    malformed URL is dropped with a warning (`checks.valid_url`)."""
    check_text(cleaned.text, source)
    found = parse_dateline(cleaned.text)
    dateline = found[0] if found else None
    url = (valid_url(_str(meta.get("url")), source) or valid_url(cleaned.url, source)
           or valid_url(leading_address(cleaned.text), source))
    path_date, path_outlet, path_part = path_hints(source)
    outlet = _str(meta.get("outlet")) or cleaned.outlet or outlet_from_url(url)
    removed = list(cleaned.removed)
    if outlet is None and path_outlet is not None:
        outlet = path_outlet
        removed.append(Removed(kind="file_name", text=f"outlet {path_outlet} from {path_part}"))
    if outlet is None and dateline is not None:
        outlet = dateline.outlet
    names, credited = split_credits(meta.get("authors"))
    agency = (_str(meta.get("agency")) or cleaned.agency or credited
              or (dateline_agency(dateline.text) if dateline else None))
    authors = names or cleaned.authors
    published = normalise_published(_str(meta.get("published"))) or cleaned.published
    if published is None and path_date is not None:
        published = path_date  # the collector's date beats a dateline's (often year-less) date
        removed.append(Removed(kind="file_name", text=f"published {path_date} from {path_part}"))
    if published is None and dateline is not None:
        published = find_date(dateline.text)  # "WASHINGTON, March 3, 2021 (AP) -"
    title = _str(meta.get("title")) or cleaned.title
    return Article(
        id=article_id(cleaned.text),
        source=source,
        text=cleaned.text,
        url=url,
        title=cleaned.normalise(title.strip()) if title else None,
        outlet=outlet,
        authors=authors,
        agency=agency,
        published=published,
        language=_str(meta.get("language")) or detect_language(cleaned.text),
        dateline=dateline,
        segments=cleaned.segments,
        links=cleaned.links,
        removed=removed,
        subheads=cleaned.subheads,
    )


def leading_address(text: str) -> str | None:
    """The web address a text opens with, spaces a tokeniser put in taken out ("http: / / site.
    example / a / 1. html" -> "http://site.example/a/1.html"); None when it opens otherwise.
    The text keeps it (offsets do not move); it only tells where the article comes from."""
    head = text.lstrip()[:2048]
    cut = leading_url(head)
    if not cut:
        return None
    address = "".join(head[:cut].split())
    return address if address.lower().startswith(("http://", "https://")) else None


def _str(value: Any) -> str | None:
    """A non-empty string from a metadata value, else None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
