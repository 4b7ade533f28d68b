"""Story views as text a person reads: a terminal summary and a Markdown report they can send.

Article text is untrusted: in Markdown, HTML-significant characters are escaped and table cells
lose their pipes and line breaks, so a report rendered to HTML cannot carry markup from a source.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from newsprism.stories.claims import number_text
from newsprism.stories.view_people import said
from newsprism.stories.view_records import Claim, ClaimValue, StoryView
from newsprism.stories.view_text import trim

MAX_PEOPLE, MAX_CLAIMS, MAX_QUOTES, MAX_TIMELINE = 15, 20, 4, 25
VERDICT_MARK = {"agree": "AGREE", "contradict": "CONTRADICT", "update": "UPDATE",
                "complementary": "COMPLEMENT", "single": "ONE SOURCE"}


def more(total: int, limit: int, indent: str = "  ") -> list[str]:
    """The line saying how many items a cut list left out (none when nothing was cut)."""
    return [f"{indent}... and {total - limit} more (all of them in the JSON view)"] if total > limit else []


def _short(ids: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(f"{names.get(i, '?')} [{i[:8]}]" for i in ids)


def _outlets(view: StoryView) -> dict[str, str]:
    return {m.id: m.outlet or "unknown" for m in view.members}


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 article', '3 articles', '1 copy', '2 copies' (`many` when the plural is not word + s)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def _section(title: str, lines: list[str]) -> list[str]:
    """A titled section followed by a blank line; nothing at all when it has no lines."""
    return [title, *lines, ""] if lines else []


def render_text(view: StoryView) -> str:
    """A plain-text view for a terminal; sections with nothing in them are left out."""
    names = _outlets(view)
    out = [f"{view.story_id}  {view.title or '(untitled)'}",
           f"{plural(view.size, 'article')} from {plural(len(view.coverage.outlets), 'outlet')}, "
           + (f"{view.coverage.first_published or '?'} .. {view.coverage.last_published or '?'}"
              if view.coverage.first_published or view.coverage.last_published else "undated"), ""]
    out += _section("BRIEF", [f"  {i}. {trim(b.text, 400)}{'  [CONTESTED]' if b.contested else ''}\n"
                              f"     cites: {_short(b.citations, names)}" + (f"\n     {b.note}" if b.note else "")
                              for i, b in enumerate(view.brief, 1)])
    out += _section("CLAIMS", [_claim_text(c, names) for c in view.claims[:MAX_CLAIMS]]
                    + more(len(view.claims), MAX_CLAIMS))
    out += _section("PEOPLE AND ORGANISATIONS", [
        f"  {p.name}" + (f" ({', '.join(p.roles[:2])})" if p.roles else "")
        + (f" aka {', '.join(p.aliases[:4])}" if p.aliases else "")
        + f": {plural(len(p.articles), 'article')}, {plural(p.quotes, 'quote')}"
        for p in view.people[:MAX_PEOPLE]] + more(len(view.people), MAX_PEOPLE))
    quotes: list[str] = []
    for s in view.quotes:
        quotes.append(f"  {s.speaker}" + (f", {s.role}" if s.role else ""))
        quotes += [f"    {said(trim(q.text, 200), q.kind, q.cue)} ({q.kind}; {_short(q.articles, names)})"
                   + (f"  [WORDING DIFFERS: {q.discrepancy}]" if q.discrepancy else "")
                   for q in s.quotes[:MAX_QUOTES]] + more(len(s.quotes), MAX_QUOTES, "    ")
    out += _section("QUOTES BY SPEAKER", quotes)
    out += _section("TIMELINE", [
        f"  {t.date or t.weekday or '?':<12} {trim(t.text, 140)} ({plural(t.sources, 'source')})"
        for t in view.timeline[:MAX_TIMELINE]] + more(len(view.timeline), MAX_TIMELINE))
    out += _section("COVERAGE", [
        f"  {o.outlet:<28} first {o.first_published or '?':<20} {plural(len(o.articles), 'article')}"
        + (f", {plural(o.copies, 'copy', 'copies')}" if o.copies else "") for o in view.coverage.outlets]
        + [f"  copy: {c.article_id[:8]} is a {c.kind} of {c.original_id[:8]} ({c.similarity:.2f})"
           for c in view.copies])
    return "\n".join(out).rstrip("\n")


def _claim_text(c: Claim, names: dict[str, str]) -> str:
    lines = [f"  [{VERDICT_MARK[c.verdict]}] {c.subject}: {c.explanation}"]
    for v in c.values:
        who = f" per {', '.join(v.claimants)}" if v.claimants else ""
        lines.append(f"      {shown(c, v)}{who}: {_short(v.articles, names)}")
    return "\n".join(lines)


def shown(claim: Claim, value: ClaimValue) -> str:
    """A claim value as a reader says it: "more than 100,000", "70%", "2022-02-20"."""
    if claim.kind != "figure":
        return value.value
    try:
        number = number_text(float(value.value), value.unit)
    except ValueError:
        number = value.value
    return f"{value.qualifier} {number}" if value.qualifier else number


# ---------------------------------------------------------------- Markdown


def _md_said(text: str, kind: str, cue: str | None) -> str:
    """A quote in Markdown: reported speech in italics with its verb, never in quotation marks."""
    if kind != "indirect":
        return f"\u201c{md(text)}\u201d"
    return f"_reported: {md(cue) + ' ' if cue and cue != 'according to' else ''}{md(text)}_"


def md(text: str) -> str:
    """Untrusted text made safe for Markdown prose: HTML escaped, Markdown markers neutralised."""
    text = html.escape(" ".join(text.split()), quote=False)
    for ch in "\\`*_[]#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(view: StoryView) -> str:
    """A Markdown report: brief with numbered citations, claims table, quotes, timeline, sources."""
    refs = {m.id: n for n, m in enumerate(view.members, 1)}

    def cite(ids: Iterable[str]) -> str:
        return "".join(f"[{refs[i]}]" for i in ids if i in refs)

    out = [f"# {md(view.title or 'Story ' + view.story_id)}", "",
           f"{plural(view.size, 'article')} from {plural(len(view.coverage.outlets), 'outlet')}, "
           + (f"{md(view.coverage.first_published or '?')} to {md(view.coverage.last_published or '?')}."
              if view.coverage.first_published or view.coverage.last_published else "undated."),
           ""]
    if view.brief:
        out += ["## Brief", ""]
    for b in view.brief:
        flag = f" **Contested:** {md(b.note or '')}" if b.contested else ""
        out.append(f"- {md(b.text)} {cite(b.citations)}{flag}")
    if view.claims:
        out += ["", "## Claims", "", "| claim | verdict | values | why |", "|---|---|---|---|"]
    for c in view.claims[:MAX_CLAIMS]:
        values = "; ".join(f"{md(shown(c, v))} {cite(v.articles)}" for v in c.values)
        out.append(f"| {md(c.subject)} | {c.verdict} | {values} | {md(c.explanation)} |")
    cut = more(len(view.claims), MAX_CLAIMS)
    out += ["", f"- {cut[0].strip()}"] if cut else []
    out += ["", "## Who said what", ""] if view.quotes else [""]
    for s in view.quotes:
        out.append(f"**{md(s.speaker)}**" + (f", {md(s.role)}" if s.role else ""))
        out += [f"- {_md_said(q.text, q.kind, q.cue)} {cite(q.articles)}"
                + (f" (wording differs between outlets: {md(q.discrepancy)})" if q.discrepancy else "")
                for q in s.quotes[:MAX_QUOTES]]
        out.append("")
    if view.timeline:
        out += ["## Timeline", ""] + [f"- **{md(t.date or t.weekday or '?')}**: {md(trim(t.text, 200))} "
                                      f"{cite(t.articles)}" for t in view.timeline[:MAX_TIMELINE]]
        out += [f"- {line.strip()}" for line in more(len(view.timeline), MAX_TIMELINE)] + [""]
    out += ["## Sources", ""]
    for m in view.members:
        copy = f" (copy of [{refs.get(m.copy_of, '?')}])" if m.copy_of else ""
        out.append(f"{refs[m.id]}. {md(m.outlet or 'unknown')}: {md(m.title or m.id)}, "
                   f"{md(m.published or 'undated')}{copy}" + _link(m.url))
    return "\n".join(out) + "\n"


def _link(url: str | None) -> str:
    """An http(s) URL as a Markdown autolink; anything else is left out."""
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<> \n"):
        return ""
    return f" <{html.escape(url)}>"
