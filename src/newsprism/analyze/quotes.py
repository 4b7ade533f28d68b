"""The `quotes` step: direct, partial and indirect speech with speaker and speech verb.

Rules over a speech-verb lexicon (`newsprism/data/speech_verbs.json`): quoted spans are paired
from straight, curly and doubled-apostrophe marks (a quote left open at a paragraph end runs on to
the next paragraph); each is attributed from the words right after it (`"...," she said`, `said X,
a Y`), right before it (`Truss added: "..."`), its sentence's reporting clause (partial quotes), or
the previous quote it continues. Reported speech is `SPEAKER [adverbs] VERB [that] CLAUSE` and
`CLAUSE, SPEAKER VERB.`. Speakers resolve to entities, pronouns to the most recent person outside
quotes, role nouns (`the president`) to the last person holding that role, and groups
(`US officials`) stay as written. Short quoted names with no speaker (`one "Union State"`) are
scare quotes, not quotes.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.cues import Attributor, Cue
from newsprism.analyze.entity_roles import role_vocab
from newsprism.analyze.quote_context import Context, Span
from newsprism.analyze.quote_syntax import Reported, refine
from newsprism.analyze.speakers import Speaker, speaker_right
from newsprism.records import Article, Entity, Quote, Sentence

log = logging.getLogger(__name__)

_BETWEEN_AFTER = re.compile(r"[ \t,\u2014\u2013-]*")
_BETWEEN_BEFORE = re.compile(r"\s*(?:that\s*)?[:,\u2014\u2013-]?\s*")
_TAIL_CHARS = frozenset(" \t\n,.;:!?\"')\u201d\u2019")
_OBJECT_SKIP = re.compile(
    r"\s+(?:reporters|journalists|him|her|them|us|me|the\s+\w+|(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*)")
_THAT = re.compile(r"[^,;:\"\u201c\u201d.]{0,110}?\bthat\s+")
_CONTENT_SKIP = re.compile(
    r"(?:\s*,?\s+(?:(?:on|last|this|next|late|early)\s+)?(?:\w+day(?:\s+(?:night|morning|afternoon|evening))?|yesterday|today|earlier|later|"
    r"(?!(?:the|a|an)\s)\w+\s+(?:week|night|morning|afternoon|evening)))?"
    r"(?:\s+(?:in|at|during)\s+an?\s+(?:statement|interview|briefing|speech|news\s+conference|press\s+conference))?"
    r"(?:\s*,)?\s*(?:that\s+)?")


# ---------------------------------------------------------------- the step


class QuotesStep:
    """Direct, partial and indirect speech with speakers resolved to entities where possible."""

    name = "quotes"
    version = "2"
    requires: tuple[str, ...] = ("sentences", "entities")
    output: Any = list[Quote]

    def __init__(self, parsed: bool = True) -> None:
        self.parsed = parsed  # read doubtful reported speech from the dependency parse

    def run(self, article: Article, inputs: Mapping[str, Any]) -> list[Quote]:
        return find_quotes(article.text, inputs.get("sentences") or (), inputs.get("entities") or (),
                           parsed=self.parsed)


def find_quotes(text: str, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = (), *,
                parsed: bool = True) -> list[Quote]:
    """Every quote and reported statement in `text`, in text order; with `parsed`, reported
    speech the rules are unsure of is read from the sentence's dependency parse."""
    att = Attributor.shared(text, sentences, entities)
    quotes, used = _quoted(att)
    quotes += _reported(att, used, parsed)
    lines = _transcript(att)
    if lines:  # a transcript line is its speaker's words, whatever else was read in it
        quotes = [q for q in quotes if not any(a <= q.start < b for a, b, _ in lines)]
        quotes += [_make(text, a, b, "direct", None, who) for a, b, who in lines]
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def quote_speaker(att: Attributor, pos: int) -> Speaker | None:
    """The speaker of the quote holding `pos`, when a cue sits right after or before it."""
    spans = att.ctx.spans
    i = bisect.bisect_right(att.ctx.span_starts, pos) - 1
    if i < 0 or not spans[i].start <= pos < spans[i].end:
        return None
    cue, _ = _adjacent_cue(att, spans[i])
    return cue.speaker if cue is not None else None


def _make(text: str, start: int, end: int, kind: str, cue: Cue | None, who: Speaker | None) -> Quote:
    return Quote(text=text[start:end], kind=kind, speaker=who.name if who else None,  # type: ignore[arg-type]
                 speaker_text=who.text if who else None, cue=cue.shown if cue else None,
                 start=start, end=end, speaker_start=who.start if who else None,
                 speaker_end=who.end if who else None)


def _quoted(att: Attributor) -> tuple[list[Quote], set[int]]:
    """Quotes in marks, attributed by adjacency, by their sentence or by the quote they continue."""
    ctx, out, used = att.ctx, [], set()
    prev: tuple[int, Cue | None, Speaker | None] | None = None
    for sp in ctx.spans:
        start, end = _trim(ctx.text, sp.start, sp.end)
        if end <= start:
            continue
        content = ctx.text[start:end]
        words = len(content.split())
        if _title(content) or (words == 1 and _nickname(ctx.text, sp)):
            continue
        cue, adjacent = _adjacent_cue(att, sp)
        if cue is None:
            cue = _dash_cue(att, sp)
            adjacent = cue is not None
        if cue is not None:
            used.add(cue.start)
            kind = "direct" if _starts_clause(ctx, sp, cue) else "partial"
        else:
            cue, kind = _sentence_cue(att, sp), "partial"
        if cue is None and prev is not None and sp.outer_start - prev[0] < 400 and words >= 3 \
                and not _cue_between(att, prev[0], sp.outer_start):
            out.append(_make(ctx.text, start, end, "direct", prev[1], prev[2]))
            prev = (sp.outer_end, prev[1], prev[2])
            continue
        lead = _lead_in_cue(att, sp) if cue is None and words >= 3 and content[:1].isupper() else None
        if lead is not None:  # 'X said the plant would close.\n"We are heartbroken."': X goes on
            out.append(_make(ctx.text, start, end, "direct", lead, lead.speaker))
            prev = (sp.outer_end, lead, lead.speaker)
            continue
        if cue is None or (not adjacent and _scare(content, words)):
            if words >= 8 and content[:1].isupper():
                out.append(_make(ctx.text, start, end, "direct", None, None))
            continue
        if kind == "partial" and _whole_sentence(ctx, sp):
            kind = "direct"
        out.append(_make(ctx.text, start, end, kind, cue, cue.speaker))
        prev = (max(sp.outer_end, cue.end, cue.speaker.end if cue.speaker else 0), cue, cue.speaker)
    return out, used


def _lead_in_cue(att: Attributor, sp: Span) -> Cue | None:
    """The cue of the sentence right before a quote that opens its own sentence, when that
    sentence reports a named person's words ('Berg said the ferry would stop. "It is a sad day."')."""
    ctx = att.ctx
    lo, _ = ctx.sentence(sp.outer_start)
    if lo <= 0 or ctx.text[lo:sp.outer_start].strip():
        return None
    k = bisect.bisect_left(ctx.sent_starts, lo) - 1
    if k < 0:
        return None
    p_lo, p_hi = ctx.sentences[k]
    if p_hi > lo or ctx.text[p_hi:lo].strip() or any(s.outer_start < lo and s.outer_end > p_lo for s in _spans_near(ctx, p_lo, lo)):
        return None  # a quote in the sentence before: the quote rules decide
    cues = [c for c in att.in_sentence(p_lo) if p_lo <= c.start < p_hi and c.speaker is not None and c.speaker.name]
    if not cues:
        return None
    who = cues[-1].speaker
    assert who is not None
    person = who.how in ("name", "pronoun") or (who.how == "entity" and ctx.by_start[who.start].type == "PERSON")
    return cues[-1] if person else None


def _spans_near(ctx: Context, lo: int, hi: int) -> list[Span]:
    i = bisect.bisect_left(ctx.span_starts, lo)
    return [s for s in ctx.spans[max(0, i - 1):i + 4] if s.outer_start < hi]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _adjacent_cue(att: Attributor, sp: Span) -> tuple[Cue | None, bool]:
    """A cue with a speaker right after the quote (`," she said`) or right before it (`said: "`)."""
    text = att.ctx.text
    i = bisect.bisect_left(att.cue_starts, sp.outer_end)
    for cue in att.cues[i:i + 2]:
        if cue.speaker is None or min(cue.start, cue.speaker.start) - sp.outer_end > 90:
            break
        first = min(cue.start, cue.speaker.start)
        if first < sp.outer_end:
            break  # the cue's speaker stands before the quote ("X ..., and urged"): not `"...," X said`
        closed = text[sp.start:sp.end].rstrip().endswith(".") and text[first:first + 1].isupper()
        if not closed and _only_titles_between(att.ctx, sp.outer_end, first):
            return cue, True
    j = bisect.bisect_left(att.cue_starts, sp.outer_start) - 1
    if j >= 0:
        cue = att.cues[j]
        last = max(cue.end, cue.speaker.end if cue.speaker else 0)
        if cue.speaker is not None and _BETWEEN_BEFORE.fullmatch(text, last, sp.outer_start):
            return cue, True
    return None, False


_DASH = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013]+[ \t\u00a0]*")


def _dash_cue(att: Attributor, sp: Span) -> Cue | None:
    """`"..." \u2015 Esther Tapia`: a quote signed with a dash and a name."""
    m = _DASH.match(att.ctx.text, sp.outer_end)
    if m is None:
        return None
    who = speaker_right(att.ctx, m.end(), min(len(att.ctx.text), m.end() + 80))
    if who is None or who.how not in ("entity", "name"):
        return None
    tail = att.ctx.text[who.end:who.end + 3]
    if not (tail[:1] in ("", ",", ".") or tail[:1].isspace()) or re.match(r"\s[a-z]", tail):
        return None
    return Cue(m.start(), m.end(), m.group(0).strip(), who, "right")


def _only_titles_between(ctx: Context, lo: int, hi: int) -> bool:
    """Nothing but separators and title words (`Rep.`, `Kremlin spokesman`) between a quote and
    its speaker."""
    m = _BETWEEN_AFTER.match(ctx.text, lo, hi)
    words = ctx.text[m.end() if m else lo:hi].split()
    return len(words) <= 4 and "\n" not in ctx.text[lo:hi] and all(
        w[:1].isupper() or w.lower() in ctx.lex.titles or w.lower() in ctx.lex.roles
        or w.lower() in role_vocab() for w in words)


def _sentence_cue(att: Attributor, sp: Span) -> Cue | None:
    """The reporting clause of the quote's sentence, for quotes embedded in reported speech."""
    cues = att.in_sentence(sp.outer_start)
    before = [c for c in cues if c.end <= sp.outer_start]
    if before:
        return before[-1]
    after = [c for c in cues if c.start >= sp.outer_end]
    return after[0] if after else None


def _cue_between(att: Attributor, lo: int, hi: int, skip: frozenset[str] = frozenset()) -> bool:
    """Whether a cue with a speaker starts in [lo, hi) (cues whose verb is in `skip` aside:
    "Divers found X, police said" is what the police said)."""
    i, j = bisect.bisect_left(att.cue_starts, lo), bisect.bisect_left(att.cue_starts, hi)
    return any(c.speaker is not None and c.text.split()[0].lower() not in skip for c in att.cues[i:j])


def _starts_clause(ctx: Context, sp: Span, cue: Cue) -> bool:
    """A direct quote right after or before its cue is capitalised, or is a whole `that` clause."""
    first = ctx.text[sp.start:sp.start + 3].lstrip()[:1]
    if cue.start < sp.outer_start:
        # `said "..."` / `said that "..."` running to the sentence end quotes the whole clause
        _, hi = ctx.sentence(sp.outer_start)
        if re.fullmatch(r"[\s.!?\"'\u201d\u2019)]*", ctx.text[sp.outer_end:hi]):
            return True
        if ctx.text[max(0, sp.outer_start - 6):sp.outer_start].rstrip().endswith("that"):
            return False
    return first.isupper() or first.isdigit() or first in "'\u2018."


def _whole_sentence(ctx: Context, sp: Span) -> bool:
    lo, hi = ctx.sentence(sp.outer_start)
    head = ctx.text[lo:sp.outer_start].strip(" \t\n-\u2014")
    return not head and ctx.text[sp.start:sp.start + 1].isupper()


def _scare(content: str, words: int) -> bool:
    """Scare quotes and quoted names: a few words, capitalised like a title, or one word."""
    if words <= 1:
        return not content.endswith((".", "!", "?"))
    caps = sum(1 for w in content.split() if w[:1].isupper())
    return words <= 4 and caps == words


_MINOR = frozenset(["a", "an", "the", "of", "on", "in", "and", "to", "for", "at", "by", "with", "is", "or", "but", "from", "as", "vs"])


def _title(content: str) -> bool:
    """A title or name in quotes (`"Face the Nation"`, `"A Change Is Gonna Come"`): every word but
    the minor ones capitalised, and no comma closing it as speech does (`"Enough," he said`)."""
    words = content.rstrip(".").split()
    if len(words) < 2 or content.endswith((",", "?", "!")) or ". " in content:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR for w in words) and \
        words[0][:1].isupper()


_NICK_BEFORE = re.compile(r"[A-Z][\w.'\u2019-]*\s$")
_NICK_AFTER = re.compile(r"\s[A-Z]")


def _nickname(text: str, sp: Span) -> bool:
    """`Marcia "Cia" Price`: one quoted word between two parts of a name."""
    return bool(_NICK_BEFORE.search(text, max(0, sp.outer_start - 30), sp.outer_start)
                and _NICK_AFTER.match(text, sp.outer_end))


def _reported(att: Attributor, used: set[int], parsed: bool = True) -> list[Quote]:
    """Indirect speech: `SPEAKER VERB (that) CLAUSE` and `CLAUSE, SPEAKER VERB.`; the doubtful
    ones are read again from the parse of their sentence (`quote_syntax`)."""
    ctx, lex, out = att.ctx, att.ctx.lex, list[Reported]()
    content_end = -1  # the end of the last reported content: evidence verbs inside it are no speech
    for cue in att.cues:
        if cue.speaker is None or cue.start in used:
            continue
        verb = cue.text.split()[0].lower()
        if verb not in lex.clause_verbs and cue.text.lower() not in lex.clause_verbs and cue.text != "according to":
            continue
        if cue.start < content_end and verb in _EVIDENCE_VERBS:
            continue  # "X said Y doesn't show consistency": Y shows nothing here
        s_lo, s_hi = ctx.sentence(cue.start)
        back = _backward_content(ctx, cue, s_lo, s_hi)
        if back is not None and cue.speaker.how in ("outlet", "np") and \
                _cue_between(att, back[0], back[1], skip=_EVIDENCE_VERBS):
            back = None  # "X said Y, the Courier reported": X's words, not the outlet's
            # (while "Witnesses said Y, Lt. X said" is also X's statement)
        span = back if back is not None and cue.side == "right" else _forward_content(ctx, cue, s_hi)
        if span is not None and span is not back:
            span = _cut_at_inner_cue(att, cue, span)
        forward = span is not None and span is not back
        span = span or back  # ", said X, the lawyer for Y.": the words come before the verb
        if span is not None:
            out.append(Reported(cue, span[0], span[1], forward, cue.speaker))
            content_end = max(content_end, span[1])
    if parsed:
        out = refine(att, out)
    return [_make(ctx.text, r.start, r.end, "indirect", r.cue, r.speaker) for r in out]


_EVIDENCE_VERBS = frozenset(["show", "shows", "showed", "shown", "find", "finds", "found", "suggest", "suggests",
                             "suggested", "indicate", "indicates", "indicated", "reveal", "reveals", "revealed"])


def _cut_at_inner_cue(att: Attributor, cue: Cue, span: tuple[int, int]) -> tuple[int, int] | None:
    """End reported content where a later reporting clause starts ('X said Y, the paper reported')."""
    i = bisect.bisect_right(att.cue_starts, span[0])
    for later in att.cues[i:i + 3]:
        if later.start >= span[1] or later is cue:
            break
        comma = att.ctx.text.rfind(",", span[0], later.start)
        if comma > span[0] and not att.ctx.text[comma + 1:later.start].strip() and \
                _has_words(att.ctx.text, span[0], comma):
            # "X, who calls the plan a disaster, said ...", "said A, adding B": A ends at the comma
            return span[0], comma
        who = later.speaker
        if who is None or not span[0] < who.start < later.start:
            continue
        text, end = att.ctx.text, who.start
        while end > span[0] and text[end - 1].isspace():
            end -= 1
        if text[max(0, end - 4):end].lower() in (" the", ",the"):
            end -= 3  # ", the Valley Courier reported"
            while end > span[0] and text[end - 1].isspace():
                end -= 1
        titles = _TITLES_END.search(text, max(span[0], end - 60), end) if text[end - 1:end] != "," else None
        if titles is not None and text[titles.start() - 1:titles.start()] == ",":
            end = titles.start()  # "..., Lieutenant X Y said", "..., police Lt. X said"
        if text[end - 1:end] == ",":
            return (span[0], end - 1) if _has_words(text, span[0], end - 1) else None
    return span


def _forward_content(ctx: Context, cue: Cue, hi: int) -> tuple[int, int] | None:
    text = ctx.text
    pos = cue.end if cue.side == "left" else cue.speaker.end if cue.speaker else cue.end
    if cue.text == "according to":
        return _according_forward(ctx, cue, hi)
    if _AFTER_SPEAKER.match(text, pos):
        return None  # ("X said, adding that ...": the participle's words, not the verb's)
    verb = cue.text.split()[0].lower()
    if verb in ctx.lex.object_verbs and " " not in cue.text and not verb.startswith("accus"):
        obj = _OBJECT_SKIP.match(text, pos, hi)  # the accused stays in what is reported
        pos = obj.end() if obj else pos
    that = _THAT.match(text, pos, hi) if verb in ctx.lex.object_verbs else None
    if verb.startswith("show") and re.match(r"\s+(?:up|off)\b", text[pos:pos + 6]):
        return None  # "showed up at the debate", "shows off the boat": no finding
    if verb.startswith("recall") and not re.match(r"\s*(?:that|how|when)\b", text[pos:pos + 12]):
        return None  # "recalled 4,000 trucks", "recalled the day": no speech without a clause
    if verb.startswith("call") and " " not in cue.text and not _CALLED.match(text, pos, hi):
        return None  # "called his mother", "called off the game": no speech
    m = _CONTENT_SKIP.match(text, pos, hi)
    start = that.end() if that else m.end() if m else pos
    if start < hi and text[start] in "\"\u201c\u201d'\u2018:":
        return None
    if _NO_CONTENT.match(text, start, hi):
        return None  # "said nothing as the verdict was read", "said little": no words reported
    if _PREP_ONLY.match(text, start, hi):
        return None  # "said in the Daily Courier on Wednesday.": where it was said, not what
    if hi - start > MAX_REPORTED:
        return None  # a run-on "sentence" (a list, a table, hostile input) is no reported clause
    end = hi
    while end > start and text[end - 1] in _TAIL_CHARS:
        end -= 1
    if not _has_words(text, start, end) or ctx.in_quote(start):
        return None
    return start, end


def _mostly_quoted(ctx: Context, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] opens with a quote mark or is at least half inside quote marks (a direct
    quote, not a reported clause holding a quoted phrase)."""
    text = ctx.text
    while lo < hi and text[lo].isspace():
        lo += 1
    if lo >= hi or text[lo] in "\"\u201c\u201d\u2018'":
        return lo < hi
    i = bisect.bisect_left(ctx.span_starts, lo)
    quoted = sum(min(sp.outer_end, hi) - sp.outer_start for sp in ctx.spans[i:i + 20] if sp.outer_start < hi)
    return quoted * 2 >= hi - lo


_LOWER_MODIFIERS = re.compile(r"(?:\s+[a-z][\w'-]*){1,3}\s*")
# titles and ranks between a reported clause and its speaker ("..., Const.", "..., police Lt.")
_TITLES_END = re.compile(r"(?:\s+(?:[A-Z][a-z]{0,4}\.|police|county|state|city|federal|fire|chief|deputy|"
                         r"spokesman|spokeswoman|spokesperson|[A-Z][\w'-]+)){1,5}$")


def _according_forward(ctx: Context, cue: Cue, hi: int) -> tuple[int, int] | None:
    """`According to X, CONTENT.`: the words after X's name when the sentence opens with the cue."""
    text, who = ctx.text, cue.speaker
    lo, _ = ctx.sentence(cue.start)
    if who is None or not _OPENING.fullmatch(text, lo, cue.start):
        return None
    m = _COMMA.match(text, who.end, hi)
    if m is None or text[m.end():m.end() + 1] in "\"\u201c\u201d'\u2018" or m.end() - who.end > 200:
        return None
    end = hi
    while end > m.end() and text[end - 1] in _TAIL_CHARS:
        end -= 1
    if hi - m.end() > MAX_REPORTED or not _has_words(text, m.end(), end) or ctx.in_quote(m.end()):
        return None
    return m.end(), end


_OPENING = re.compile(r"\s*(?:(?:But|And|Yet|So|However|Still|Also|Now|Meanwhile|Instead)\s*,?\s*)?")
# the end of X in "according to X, ...": X's own apposition ("X, a trade group,") may come first
_COMMA = re.compile(r"(?:\s*\([^()]{1,60}\))?(?:,\s+(?:a|an|the|which|who)\s[^,;:\"\u201c\u201d]{1,120})?\s*,\s*")
# what may follow the speaker of a reported clause before it and is not theirs: another clause,
# a participle ("..., officials said, threatening to raise tensions"), a dash
_AFTER_SPEAKER = re.compile(r",\s+(?:and|but|while|whereas|[a-z]+ing)\s|\s+-\s*-\s|\s[\u2014\u2013]\s")


def _backward_content(ctx: Context, cue: Cue, lo: int, hi: int) -> tuple[int, int] | None:
    """`Russia is still considering its response, Ryabkov said.` and `..., according to X.`"""
    text = ctx.text
    first = min(cue.start, cue.speaker.start) if cue.speaker else cue.start
    last = max(cue.end, cue.speaker.end) if cue.speaker else cue.end
    if _AFTER_SPEAKER.match(text, last, hi):
        hi = last  # "..., said X, adding that ...", "A, X said, but B": what follows is not X's
    if not _BACK_TAIL.fullmatch(text, last, hi) and not (cue.side == "right" and _APPOSITION_TAIL.fullmatch(text, last, hi)):
        return None  # ("..., said X, the lawyer for Y." ends on an apposition)
    if first - lo > MAX_REPORTED:
        return None
    head = _DET_END.sub("", text[lo:first].rstrip())  # ", one state official said"
    head = _TITLES_END.sub("", head) if not head.endswith(",") else head  # ", Const. X said", ", police Lt. X said"
    comma = head.rfind(",")
    if comma > 0 and not head.endswith(",") and _LOWER_MODIFIERS.fullmatch(head, comma + 1):
        head = head[:comma + 1]  # ", rescue officials said": the modifiers belong to the speaker
    if not head.endswith(",") or _mostly_quoted(ctx, lo, lo + len(head)):
        return None
    start, end = _trim(text, lo, lo + len(head) - 1)
    if not _has_words(text, start, end):
        return None
    return start, end


# "called for an inquiry", "called on X to ...", "called the plan a disaster", "called it reckless"
_CALLED = re.compile(r"\s*(?:for|on)\s|\s*(?:\S+\s+){1,4}?(?:a|an)\s|\s*(?:it|them|him|her|this|that)\s+[a-z]+[.,;]")
_DET_END = re.compile(r"\s*\b(?:the|a|an|one|some|two|three|several)$", re.IGNORECASE)
_BACK_TAIL = re.compile(r"[\s,.;!?\"'\u201d\u2019)]*|\s+(?:on|last|this)\s+\w+day[.\s]*")
_APPOSITION_TAIL = re.compile(r"(?:,\s+(?:a|an|the|who|[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+(?:for|of|at|with|to))"
                              r"|\s+(?:in|at|from|with|of|on|for))\s[^;:\"\u201c\u201d]{1,150}?"
                              r"[.!?]?[\s\"'\u201d\u2019)]*")
_PREP_ONLY = re.compile(r"(?:in|on|at)\s(?:[^\s.;:!?]+\s){0,2}[A-Z][^\s.;:!?]*(?:\s[^\s.;:!?]+){0,4}[.;:!?]?[\s\"'\u201d\u2019)]*$")
MAX_REPORTED = 1500  # characters: the longest reported clause taken (bounds the output on run-on text)
_NO_CONTENT = re.compile(r"(?:nothing|little|something|anything|much|more|so|goodbye|hello|yes|no|as\s+much|so\s+much)"
                         r"(?:\s*[.,;:!?]|\s*$|\s+(?:as|about|to|when|after|before|and|but|in|on|at|during|while|"
                         r"because|until|publicly|further|else)\b)", re.IGNORECASE)
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds at least three words, reading no further than it must
    (a slice of the rest of a long sentence per speech verb made hostile input quadratic)."""
    return _THREE_WORDS.match(text, start, end) is not None


# ---------------------------------------------------------------- transcripts

_LINE = re.compile(r"^[ \t]*([A-Z][A-Za-z.'\u2019-]+(?:[ \t][A-Z][A-Za-z.'\u2019-]+){0,3})[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
_LABELS = frozenset(str.split("""update updated note editor editor's correction related source sources photo photos
    video watch read more click advertisement transcript warning breaking disclosure q a question answer
    caption credit image subscribe sign listen follow share via tags filed topics comments"""))


def _transcript(att: Attributor) -> list[tuple[int, int, Speaker]]:
    """Transcript lines `NAME: words`: each is the named person's words. Kept only when the
    article holds at least two such lines and every name reads as a person (a known person of the
    article, a given name, or a surname in capitals), so a label (`UPDATE:`) or a dateline is not
    taken for a speaker."""
    text = att.ctx.text
    if ":" not in text:
        return []
    out = []
    for m in _LINE.finditer(text):
        name = m.group(1)
        if name.lower().rstrip(".") in _LABELS or name.split()[0].lower() in _LABELS:
            return []
        who = _line_speaker(att.ctx, name, m.start(1))
        if who is None:
            return []
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        start, end = _trim(text, m.end(), end)
        if end > start:
            out.append((start, end, who))
    return out if len(out) >= 2 else []


def _line_speaker(ctx: Context, name: str, start: int) -> Speaker | None:
    """The person a transcript line names, or None when the name does not read as a person."""
    ent = ctx.by_start.get(start)
    if ent is not None and ent.type == "PERSON":
        return Speaker(ctx.canonical(ent, ent.start), name, start, start + len(name))
    words = name.split()
    surname = words[-1].title() if words[-1].isupper() else words[-1]
    known = next((e.canonical for e in ctx.entities if e.type == "PERSON" and " " in e.canonical
                  and e.canonical.split()[-1] == surname), None)
    if known is not None:
        return Speaker(known, name, start, start + len(name), "name")
    if gz.country_code(name.title()) or gz.best_city(name.title()) is not None:
        return None  # a dateline or a place heading
    first = words[0].title() if words[0].isupper() else words[0]
    if (name.isupper() and len(words) <= 3) or (len(words) > 1 and first in gz.given_names()):
        return Speaker(" ".join(w.title() if w.isupper() else w for w in words), name, start,
                       start + len(name), "name")
    return None
