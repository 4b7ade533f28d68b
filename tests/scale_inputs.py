"""Hand-written fictional articles for scale-out tests: folders of text, JSON Lines and WARC files."""

from __future__ import annotations

import io
import json
from pathlib import Path

CITIES = ["Northbridge", "Port Alder", "Valmora", "Eastfield", "Kestrel Bay", "Oranmore"]
PEOPLE = [("Mayor", "Ilse Varga"), ("Minister", "Tomas Reyl"), ("General", "Anika Solberg"),
          ("Senator", "Piet Ormond"), ("Governor", "Lena Kastell")]
VERBS = ["said", "told reporters", "warned", "announced"]


def article_text(i: int) -> str:
    """A short, unique fictional news report (title line, dateline, quotes, figures, dates)."""
    city = CITIES[i % len(CITIES)]
    role, name = PEOPLE[i % len(PEOPLE)]
    verb = VERBS[i % len(VERBS)]
    n = 1000 + 37 * i
    return (
        f"{city} council approves plan number {i}\n\n"
        f"{city.upper()} — The council of {city} on Tuesday approved a plan to hire {n} workers, "
        f"{role} {name} {verb}. \"We will start next week,\" {name.split()[1]} said in a statement.\n\n"
        f"More than {n // 10} residents attended the meeting, according to police, while organisers "
        f"put the figure at about {n // 5}. The plan costs $ {i + 3} million and runs until March {i % 27 + 1}.\n"
    )


def write_text_folder(folder: Path, start: int, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = [article_text(i) for i in range(start, start + count)]
    for k, text in enumerate(texts):
        (folder / f"a{start + k:05d}.txt").write_text(text, encoding="utf-8")
    return texts


def write_jsonl(path: Path, start: int, count: int) -> list[str]:
    texts = [article_text(i) for i in range(start, start + count)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for k, text in enumerate(texts):
            title, _, body = text.partition("\n\n")
            f.write(json.dumps({"text": body, "title": title, "outlet": "The Northbridge Courier",
                                "published": f"2024-03-{k % 27 + 1:02d}",
                                "url": f"https://courier.example/{start + k}"}) + "\n")
    return texts


def write_warc(path: Path, start: int, count: int) -> list[str]:
    """A gzipped WARC of HTML responses (warcio's writer)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts = [article_text(i) for i in range(start, start + count)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for k, text in enumerate(texts):
            writer.write_record(_warc_record(writer, StatusAndHeaders, start + k, text))
    return texts


def _warc_record(writer, status_cls, n: int, text: str):
    title, _, body = text.partition("\n\n")
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}"
            f"</article></body></html>").encode()
    headers = status_cls("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    return writer.create_warc_record(f"https://valmora.example/news/{n}", "response",
                                     payload=io.BytesIO(html), http_headers=headers)
