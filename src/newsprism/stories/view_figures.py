"""Figure facts: what each number counts, where, and with what outcome, keyed for the claims table.

The class of what a figure counts comes from its `object`, the words after it ("30,000 troops"),
a cue before it ("the death toll rose to 17") or the figure before it ("three more", "71 votes to
64"), mapped through the lexicon in `data/story_view.json`; the place is the one a locative
phrase of the sentence names ("into Belarus"), not a speaker's ("officials in Washington said").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsprism.analyze.figures import range_of
from newsprism.records import Figure
from newsprism.stories.view_ages import age_facts
from newsprism.stories.view_facts import (
    DURATION_UNITS,
    SMALL,
    STOP_PUNCT,
    ArticleContext,
    Fact,
    Tok,
    lexicon,
    match_phrase,
    tokens,
)
from newsprism.stories.view_frames import NUMBER_WORDS, frame_of
from newsprism.stories.view_streets import street_facts
from newsprism.stories.view_text import STOPWORDS, fold, singular


def figure_facts(ctx: ArticleContext, figures: list[Figure]) -> list[Fact]:
    """One fact per figure whose counted thing can be named; others cannot be compared."""
    out: list[Fact] = []
    previous: dict[tuple[int, int], tuple[str, int, str]] = {}  # sentence -> (class, end, outcome)
    for fig in sorted(figures, key=lambda f: f.start):
        fact = _figure_fact(ctx, fig, previous)
        if fact is not None:
            previous[fact.sentence] = (fact.key[1], fact.end, fact.key[3])
            out.append(fact)
    return out + age_facts(ctx) + street_facts(ctx)


def _figure_fact(ctx: ArticleContext, fig: Figure,
                 previous: dict[tuple[int, int], tuple[str, int, str]]) -> Fact | None:
    text = ctx.article.text
    start, end = fig.start, fig.end
    sent = ctx.sentences.around(start, end)
    unit = _unit(fig.unit)
    own = tokens(text, start, end)  # small windows first: most figures name nothing comparable
    after = tokens(text, end, min(sent[1], end + 80))
    before = tokens(text, max(sent[0], start - 80), start)
    value = fig.value
    cls, pred, head = _earlier_value(previous.get(sent), before)
    rival = False
    if cls is None:
        cls, pred = _compared(previous.get(sent), before)
        rival = cls is not None
    if cls is None and unit == "magnitude":
        cls, head = "magnitude", _shock(after)  # an aftershock's magnitude is not the quake's
    elif cls is None and unit in TO_METRES:
        cls, value, unit = "distance", fig.value * TO_METRES[unit], "m"  # "2,000ft" is "609.6 m"
    elif cls is None and unit in _currencies():
        cls = "money"  # what an amount pays for is in the words around it, not after it
    if cls is None:
        cls, pred, head = _object_class(fig.object or "",
                                        [t for t in own if not _numeric(t)] + after, unit)
    if cls is None:
        cls, pred, head = _counted_before(before, unit)  # "the number of people killed rose to 17"
        if cls is None:
            cls = _inherited(previous.get(sent), own, after, before, text, start)
        if cls is None:
            cls = _tally(ctx, sent, after)
    if cls is None:
        return None
    frame = frame_of(ctx, start, end, sent, before, after, head, own)
    mods = (frame.mods if cls not in ("distance", "magnitude") else _bearing(before, after)
            if cls == "distance" else frozenset({head or ""}) - {""})
    if pred is None and frame.verb in OUTCOME_CLASSES and cls in _PEOPLE_LIKE:
        pred = frame.verb  # "killing at least seven people": the outcome comes before the number
    if value < SMALL and head and not cls.endswith(":" + head):
        cls = f"{cls}:{head}"  # "four nations" and "6 of 7 countries" are not one claim
    counted = cls.split(":")[0]
    if pred in OUTCOME_CLASSES:
        cls, pred = OUTCOME_CLASSES[pred], None  # "12 people dead" and "17 killed": deaths
    place = _place_near(ctx, sent, start, end)
    key = ("figure", cls, unit or "count", pred or "", place or "")
    claimant = fig.source or ctx.speaker_of(start, end)
    return Fact(
        kind="figure", article_id=ctx.article.id, key=key, subject=_subject(cls, pred, place, unit),
        start=start, end=end, text=fig.text or text[start:end], sentence=sent,
        number=value, unit=unit, qualifier=fig.qualifier,
        claimant=str(claimant) if claimant else None, place=place,
        persons=ctx.persons_in(*sent), names=ctx.names_in(*sent), words=ctx.content(sent),
        sentence_index=ctx.sentences.index_of(start),
        high=range_of(fig.text, fig.value)[1] if fig.qualifier == "between" else None,
        marker="" if cls == "distance" and frame.marker == "delta" else (
            "conversion" if cls == "money" and _converted(text, start) else frame.marker),
        cue="rival" if rival else frame.cue, when=frame.when,
        mods=mods | ({counted} if cls in _OUTCOMES and counted not in ("people", cls) else set()),
        when_text=frame.when_text, background=frame.background, years=frame.years, verb=frame.verb,
        head=head or "",
    )


_HEDGES = frozenset({"almost", "nearly", "about", "around", "some", "roughly", "approximately",
                     "estimated", "least", "most", "over", "under", "up", "fewer", "less", "more"})
_BEARINGS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                       "southwest", "north-northeast", "north-northwest", "south-southeast",
                       "south-southwest", "east-northeast", "east-southeast", "west-northwest",
                       "west-southwest", "deep", "depth", "below", "above", "high", "long", "wide",
                       "away", "down", "fell", "falling", "fall"})


_CONVERTED = re.compile(r"\d[\d,.]*\s*(?:[a-z]+\s+)?(?:[A-Za-z]+\s)?\(\s*(?:about\s+|some\s+|around\s+)?$")


def _converted(text: str, start: int) -> bool:
    """An amount in brackets right after another written with the same sign ("US$1 million
    ($1.52 million)"): the same amount in another currency that shares the sign, not a second
    figure in the first one's currency."""
    m = _CONVERTED.search(text, max(0, start - 40), start)
    if m is None or not text[start:start + 1] or text[start].isalnum():
        return False
    return text[start] in text[max(0, m.start() - 4):m.start() + 1]


_SAME_BEARING = {"fell": "fall", "falling": "fall", "down": "fall", "deep": "depth", "below": "depth"}


def _bearing(before: list[Tok], after: list[Tok]) -> frozenset[str]:
    """What a distance measures, from the words around it: a bearing and the place it is taken
    from ("north of Santa Rosa"), a depth, a fall; empty when nothing says."""
    near = [t.word for t in after[:4]] + [t.word for t in before[-3:]]
    out = {_SAME_BEARING.get(w, w) for w in near if w in _BEARINGS}
    if out and "of" in near[:3]:
        i = near.index("of")
        out |= {w for w in near[i + 1:i + 3] if w[:1].isalpha() and w not in STOPWORDS}
    return frozenset(out)


TO_METRES = {"m": 1.0, "km": 1000.0, "mile": 1609.344, "ft": 0.3048}


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    """Currency codes as figures units read folded ("usd", "eur")."""
    from newsprism.analyze.figures import lexicon as figure_lexicon

    lex = figure_lexicon()
    return frozenset(fold(c) for c in (*lex.symbols.values(), *lex.cur_words.values()))


OUTCOME_CLASSES = {"killed": "deaths", "injured": "injuries"}
_PEOPLE_LIKE = frozenset({"people", "troops", "hostages"})
_OUTCOMES = frozenset(OUTCOME_CLASSES.values())
_COUNT_CUES = frozenset({"toll", "tally", "total", "number", "count", "figure"})
_PAIR_LINKS = frozenset({"to", "against", "versus", "vs", "and", "-", "\u2013"})


def _subject(cls: str, pred: str | None, place: str | None, unit: str | None) -> str:
    """What a claim is about, in words: "troops in Belarus", "drills (days)", "votes (second of
    a pair)"."""
    name, _, second = cls.partition("/")
    head = name.split(":")[-1]  # "tanks:vehicle" is about vehicles, as the articles say
    shown_unit = _UNIT_WORDS.get(unit, unit) if unit and unit != head else None
    words_ = [head, pred, f"({shown_unit})" if shown_unit else None,
              f"in {place}" if place else None]
    subject = " ".join(w for w in words_ if w)
    if second and head == "votes":
        return subject.replace("votes", "votes against", 1)  # "71 votes to 64": 64 against
    return f"{subject} (second of a pair)" if second else subject


_UNIT_WORDS = {"day": "days", "week": "weeks", "month": "months", "year": "years",
               "hour": "hours", "percent": "%"}


def _counted_before(before: list[Tok], unit: str | None) -> tuple[str | None, str | None, str | None]:
    """What a figure counts when a cue before it names it: "the death toll rose to 17"."""
    clause = before[-12:]
    for i in range(len(clause) - 1, -1, -1):
        if clause[i].raw in STOP_PUNCT:
            clause = clause[i + 1:]
            break
    cue = next((i for i, t in enumerate(clause) if t.word in _COUNT_CUES), None)
    if cue is None:
        return None, None, None
    if any(t.word == "death" for t in clause[:cue]):
        return "deaths", None, None
    return _object_class("", clause[cue + 1:], unit)


def _earlier_value(prev: tuple[str, int, str] | None,
                   before: list[Tok]) -> tuple[str | None, str | None, str | None]:
    """The class of the figure before in the sentence for "..., down from the 40 reported": the
    same quantity at an earlier time."""
    if prev is None:
        return None, None, None
    gap = [t.word for t in before if t.start >= prev[1]]
    if len(gap) <= 6 and "from" in gap[-2:]:
        return prev[0], prev[2] or None, None
    return None, None, None


_COMPARATIVES = frozenset({"fewer", "more", "less", "higher", "lower", "greater", "smaller", "larger",
                           "bigger"})


_VOTE_VERBS = frozenset({"passed", "approved", "adopted", "rejected", "voted", "vote", "ratified",
                         "backed", "defeated", "elected", "confirmed"})


def _tally(ctx: ArticleContext, sent: tuple[int, int], after: list[Tok]) -> str | None:
    """"votes" for the first of a bare pair in a sentence about a vote ("passed the bill on
    Friday, 52 to 47"): a tally, whose second number then counts votes against."""
    if len(after) < 2 or after[0].word != "to" or not after[1].raw[:1].isdigit():
        return None
    return "votes" if ctx.content(sent) & _VOTE_VERBS else None


_SHOCKS = frozenset({"aftershock", "foreshock", "tremor"})


def _shock(after: list[Tok]) -> str | None:
    """ "aftershock" or "foreshock" when the words after a magnitude name one, else None (the
    quake itself: "quake", "earthquake", "temblor" are one)."""
    return next((t.word for t in after[:4] if t.word in _SHOCKS), None)


def _compared(prev: tuple[str, int, str] | None,
              before: list[Tok]) -> tuple[str | None, str | None]:
    """The class of the figure before in the sentence for "only 1,800 workers, far fewer than the
    3,000 claimed by the union": a number the sentence sets against another ("than the") is a
    rival count of the same thing."""
    if prev is None:
        return None, None
    gap = [t.word for t in before if t.start >= prev[1]]
    if len(gap) >= 3 and gap[-2:] == ["than", "the"] and gap[-3] in _COMPARATIVES:
        return prev[0], prev[2] or None
    return None, None


def _inherited(prev: tuple[str, int, str] | None, own: list[Tok], after: list[Tok], before: list[Tok],
               text: str, start: int) -> str | None:
    """The class of the figure just before in the sentence, for "three more" and "71 votes to 64"
    (a pair's second number is its own claim: votes against are not votes for)."""
    if prev is None:
        return None
    cls, prev_end, _ = prev
    if any(t.word in lexicon().more_words for t in (own[-1:] + after[:1])):
        return cls  # "three vessels ... and three more": the same thing
    gap = [t for t in before if t.start >= prev_end]
    if len(gap) <= 2 and any(t.word in _PAIR_LINKS for t in gap):
        return cls if "/" in cls else f"{cls}/2"
    return None




def _numeric(t: Tok) -> bool:
    """A number, a number word or a hedge inside a figure's text ("almost 50")."""
    word = t.word.split("-")[0]
    return t.raw[:1].isdigit() or word in NUMBER_WORDS or t.word in STOPWORDS or t.word in _HEDGES


def _unit(unit: Any) -> str | None:
    if not unit:
        return None
    u = fold(str(unit))
    return singular(u) if u in DURATION_UNITS else u


def _object_class(obj: str, after: list[Tok],
                  unit: str | None) -> tuple[str | None, str | None, str | None]:
    """The class of what a figure counts, an outcome word (killed, injured) when one follows, and
    the head word that named it."""
    lex = lexicon()
    window = _until_punct(after, 6)
    clause = _clause(after, 8)  # "12 people were confirmed dead": the outcome may follow a verb
    nxt = next((i for i, t in enumerate(clause) if _numeric(t) and t.raw[:1].isdigit() or
                t.word in NUMBER_WORDS and i > 0), len(clause))
    clause = clause[:nxt]  # "four villages destroyed and three people killed": killed is the three's
    pred = next((lex.predicates[t.word] for t in clause if t.word in lex.predicates), None)
    obj_toks = tokens(obj, 0, len(obj))
    for toks in (obj_toks, window):
        for i in range(len(toks)):
            hit = match_phrase(toks, i, lex.objects)
            if hit is not None:
                return hit[0], pred, toks[i + hit[1] - 1].word
    if unit is None and pred == "killed":
        return "deaths", None, None
    if unit in DURATION_UNITS:  # "the next 12 days": a duration needs a named thing that lasts
        return None, None, None
    head = _head_noun(obj_toks or window[:3])
    return head, pred, head


_LINKS = frozenset({"of", "the", "a", "an"})


def _clause(toks: list[Tok], limit: int) -> list[Tok]:
    """Up to `limit` tokens, ending at punctuation."""
    out: list[Tok] = []
    for t in toks[:limit]:
        if t.raw in STOP_PUNCT:
            break
        out.append(t)
    return out


def _until_punct(toks: list[Tok], limit: int) -> list[Tok]:
    """The noun phrase after a number: up to `limit` tokens, ending at punctuation or a function
    word other than of/the/a ("12 days with concern" names nothing; "10 days of drills" does)."""
    out: list[Tok] = []
    for t in toks[:limit]:
        if t.raw in STOP_PUNCT or (t.word in STOPWORDS and t.word not in _LINKS):
            break
        out.append(t)
    return out


def _head_noun(toks: list[Tok]) -> str | None:
    """The last word of a short run of content words right after a number ("battalions")."""
    head = None
    for i, t in enumerate(toks[:3]):
        if not t.word[0].isalpha() or t.word in STOPWORDS:
            break
        if len(t.word) < 3 or t.word == "time" and i == 0:
            return None  # "200 W. Main St." (an address), "five times the limit" (a multiple)
        head = t.word
    return head


_NEAR_PLACE = 130  # characters between a figure and the place it is in (about 20 words)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A locative preposition and the capitalised word after it; a speech verb."""
    lex = lexicon()
    preps = "|".join(sorted((re.escape(w) for w in lex.locatives), key=len, reverse=True))
    verbs = "|".join(sorted((re.escape(" ".join(v)) for v in lex.speech), key=len, reverse=True))
    locative = re.compile(rf"\b(?i:{preps})\s+([^\W\d_][\w'\u2019\u00b4\-]*)")
    return locative, re.compile(rf"(?i)\b(?:{verbs})\b")


def _place_near(ctx: ArticleContext, sent: tuple[int, int], start: int, end: int) -> str | None:
    """The place a locative preposition in the sentence names ("into Belarus"), nearest to the
    figure; one regex pass over the sentence, no tokens."""
    locative, speech = _patterns()
    text = ctx.article.text
    not_places = lexicon().not_places
    best: tuple[int, str] | None = None
    for m in locative.finditer(text, sent[0], sent[1]):
        word, ws, we = m.group(1), m.start(1), m.end(1)
        if not word[:1].isupper() or fold(word) in not_places:
            continue
        name = ctx.place_at(ws, we)
        if name is None and ctx.places:
            continue
        if we <= start and speech.search(text, we, start):
            continue  # "officials in Washington said ... 70 percent": the place is the speaker's
        if word.endswith(("'s", "\u2019s", "'", "\u2019")):
            continue  # "at Nordland's largest port": the place is the port, which it does not name
        dist = ws - end if ws >= end else start - we
        if 0 <= dist <= _NEAR_PLACE and (best is None or dist < best[0]):
            best = (dist, name or re.sub(r"['\u2019\u00b4]s?$", "", word))
    return best[1] if best else None
