"""The frame of a figure: what else than its number decides whether two figures can be compared.

Two sources giving different numbers disagree only when they count the same thing at the same
time. The frame holds what the words around a number say about that:
- a marker: "three other women", "two more", "another 40" (other members: an increment, not the
  whole), "five of them", "including 12" (a subset), "12 Somali and 11 Yemeni" (parts of a list);
- the modifiers of the counted noun ("11 partner nations" is not "12 nations");
- a change cue: "rose to 17", "climbed to" (up), "fell to", "down from" (down), "so far", "now",
  "latest" (current), "from the 40 reported", "initially" (an earlier value);
- when it holds: the date named in its clause ("dead on Wednesday"), else the publication day;
- whether the sentence is background (a year other than the story's, "last year").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from newsprism.stories.view_facts import STOP_PUNCT, ArticleContext, Tok, lexicon, match_phrase
from newsprism.stories.view_text import STOPWORDS, wordset

NUMBER_WORDS = wordset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen dozens score half quarter"""
)

_UP = wordset("rose risen rise rising climbed climb climbing increased increase increasing jumped "
              "grew grown mounted soared swelled surged doubled upgraded")
_DOWN = wordset("fell fallen fall falling dropped drop decreased decrease declined lowered "
                "shrank eased downgraded")
_NOW = wordset("now latest updated revised currently")
_PAST = wordset("initially originally previously earlier first preliminary")
_FIRST_RATED = wordset("initially originally previously")  # these mark an earlier value from afar
_SUBSET_AFTER = frozenset({("of", "them"), ("of", "whom"), ("of", "which"), ("among", "them")})
_SUBSET_BEFORE = frozenset({"including", "include", "includes", "among"})
_OTHER_BEFORE = frozenset({"another", "other"})
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")
_BACKGROUND = re.compile(r"(?i)\b(?:last year|years ago|a year ago|last season|in the past)\b")
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\s--\s")


@dataclass(frozen=True)
class Frame:
    """What a figure's words say beside its number (see the module docstring)."""

    marker: str = ""  # "other", "subset", "part" or ""
    mods: frozenset[str] = frozenset()  # content words qualifying the counted noun
    cue: str = ""  # "up", "down", "now", "past" or ""
    when: str | None = None  # ISO day the figure holds for, when known
    when_text: str | None = None  # the date words that gave it ("on Wednesday"), else None
    background: bool = False  # the sentence speaks of another time than the story's
    years: frozenset[str] = frozenset()  # years written in the sentence
    verb: str = ""  # the verb governing the number ("killed", "attacked"), stemmed, else ""


def frame_of(ctx: ArticleContext, start: int, end: int, sent: tuple[int, int], before: list[Tok],
             after: list[Tok], head: str | None, own: list[Tok] = ()) -> Frame:  # type: ignore[assignment]
    """The frame of the figure at [start, end) of sentence `sent` (`own`: the words of the figure's
    text after its number, "more" in "three more")."""
    text = ctx.article.text
    sentence = text[sent[0]:sent[1]]
    years = frozenset(_YEAR.findall(sentence))
    background = bool(_BACKGROUND.search(sentence)) or bool(
        ctx.year is not None and years and str(ctx.year) not in years) or bool(
        _EARLIER_WORDS.search(sentence) and _earlier_event(ctx.sentence_tokens(sent)))
    when, when_text = _when(ctx, start, end, sent)
    first = next((i for i, t in enumerate(own) if _numeric(t)), len(own))
    tail = [t for t in own[first:] if not _numeric(t)]
    return Frame(marker=_marker(before, tail + after), mods=_mods(after, head), cue=_cue(before, after),
                 when=when, when_text=when_text, background=background, years=years,
                 verb=governing_verb(before))


_HEDGE_WORDS = wordset("more than at least about some nearly around up to over an estimated a the "
                       "almost roughly approximately as many much no fewer less under below")
_IRREGULAR = wordset("held hit left took shot fled made won lost saw sent seized stole")


def governing_verb(before: list[Tok]) -> str:
    """The verb right before a number and its hedge ("killing at least seven", "attacked nearly
    100"), crudely stemmed; "" when the word there is not a verb."""
    for t in reversed(_clause(before, 5, backwards=True)):
        if t.word in _HEDGE_WORDS:
            continue
        w = t.word
        if w in lexicon().predicates:
            return lexicon().predicates[w]
        if w in _IRREGULAR:
            return w
        if len(w) > 4 and w.endswith("ing"):
            return w[:-3]
        if len(w) > 3 and w.endswith("ed"):
            return w[:-2] if not w.endswith("ied") else w[:-3]
        return ""
    return ""


_EARLIER = frozenset({"last", "previous", "earlier", "prior"})
_EARLIER_WORDS = re.compile(r"(?i)\bthe (?:last|previous|earlier|prior)\b")  # a cheap test first


def _earlier_event(toks: list[Tok]) -> bool:
    """The sentence speaks of an earlier happening of its kind: "the last earthquake of that
    size", "the previous attack on the camp"."""
    events = lexicon().events
    for i in range(len(toks) - 1):
        if toks[i].word == "the" and toks[i + 1].word in _EARLIER:
            for j in range(i + 2, min(i + 5, len(toks))):
                if match_phrase(toks, j, events) is not None:
                    return True
    return False


def _clause(toks: list[Tok], limit: int, backwards: bool) -> list[Tok]:
    """Up to `limit` tokens next to the figure, stopping at punctuation."""
    seq = reversed(toks) if backwards else iter(toks)
    out: list[Tok] = []
    for t in seq:
        if t.raw in STOP_PUNCT or len(out) >= limit:
            break
        out.append(t)
    return out[::-1] if backwards else out


def _numeric(t: Tok) -> bool:
    return t.raw[:1].isdigit() or t.word.split("-")[0] in NUMBER_WORDS


def _marker(before: list[Tok], after: list[Tok]) -> str:
    """"other" (other members or more of them), "subset", "part" (one item of a list), or ""."""
    more = lexicon().more_words
    ahead = _clause(after, 5, backwards=False)
    back = _clause(before, 3, backwards=True)
    if any(t.word in more for t in ahead[:2]) or (back and back[-1].word in _OTHER_BEFORE):
        return "other"
    verb = [t.word for t in back if t.word not in _HEDGE_WORDS or t.word == "to"][-2:]
    if verb and (verb[-1] in _UP or verb[-1] in _DOWN or verb[-1] == "by" and len(verb) > 1
                 and (verb[0] in _UP or verb[0] in _DOWN)):
        return "delta"  # "dropped $100", "rose by 5 percent": a change, not a level
    if len(ahead) > 1 and (ahead[0].word, ahead[1].word) in _SUBSET_AFTER:
        return "subset"
    if len(ahead) > 2 and ahead[0].word == "of" and ahead[1].word == "the" and _numeric(ahead[2]):
        return "subset"  # "three of the four soldiers"
    if any(t.word in _SUBSET_BEFORE for t in back[-2:]):
        return "subset"
    if any(a.word == "and" and (_numeric(b) or b.word in ("a", "an"))
           for a, b in zip(ahead[:4], ahead[1:5], strict=False)):
        return "part"  # "two women and a man"
    if len(back) >= 2 and back[-1].word == "and" and any(
            _numeric(t) or t.word in ("a", "an") for t in back[-4:-1]):
        return "part"  # "12 Somali and 11 Yemeni", "a man and two women"
    return ""


def _mods(after: list[Tok], head: str | None) -> frozenset[str]:
    """Content words between the number and the head noun it counts ("partner" in "11 partner
    nations")."""
    if head is None:
        return frozenset()
    out: set[str] = set()
    lex = lexicon()
    more = lex.more_words
    clause = _clause(after, 5, backwards=False)
    for i, t in enumerate(clause):
        if t.word == head or match_phrase(clause, i, lex.objects) is not None:
            rest = clause[i + 1:i + 4]
            if len(rest) >= 2 and rest[0].word == "and" and rest[1].word not in STOPWORDS \
                    and not rest[1].word.endswith(("ing", "ed")):  # "and damaging homes": a verb
                out.add("and " + rest[1].word)  # "420 passengers and crew" is not "246 passengers"
            return frozenset(out)
        if t.word not in STOPWORDS and t.word not in more and not _numeric(t):
            out.add(t.word)
    return frozenset()


def _cue(before: list[Tok], after: list[Tok]) -> str:
    """Whether the words around a figure say it changed, is current, or is an earlier value."""
    back = _clause(before, 6, backwards=True)
    words = [t.word for t in back]
    if words[-2:-1] == ["from"] or words[-1:] == ["from"] or any(w in _PAST for w in words[-3:]) \
            or any(w in _FIRST_RATED for w in words):
        return "past"  # "down from the 40 reported", "initially 12", "originally rated it as 4.4"
    ahead = [t.word for t in _clause(after, 8, backwards=False)]
    for w, nxt in zip(ahead, [*ahead[1:], ""], strict=False):
        if w in ("down", "up") and nxt == "from":
            return w  # "20 still missing, down from 40": this one is the current value
    if any(w in _UP for w in words) or ("bringing" in words or "brings" in words):
        return "up"
    if any(w in _DOWN for w in words):
        return "down"
    if any(w in _NOW for w in words) or _so_far(words) or _so_far(ahead):
        return "now"
    return ""


def _so_far(words: list[str]) -> bool:
    return any(a == "so" and b == "far" or a == "to" and b == "date"
               for a, b in zip(words, words[1:], strict=False))


def _when(ctx: ArticleContext, start: int, end: int, sent: tuple[int, int]) -> tuple[str | None, str | None]:
    """The day a figure holds for: the nearest resolved date of its clause, else the publication
    day (None when neither is known)."""
    text = ctx.article.text
    best: tuple[int, str, str] | None = None
    i = bisect_left(ctx.dates, (sent[0],))
    while i < len(ctx.dates) and ctx.dates[i][0] < sent[1]:
        ds, de, value, written = ctx.dates[i]
        i += 1
        if not value or len(value) < 10 or value[4] != "-":
            continue
        lo, hi = (de, start) if de <= start else (end, ds)
        if _CLAUSE_BREAK.search(text, lo, hi):
            continue
        dist = hi - lo
        if best is None or dist < best[0]:
            best = (dist, value[:10], written)
    if best is not None:
        return best[1], best[2]
    published = ctx.article.published
    return (published[:10], None) if published and len(published) >= 10 else (None, None)
