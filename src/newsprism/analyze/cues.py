"""Speech verbs outside quotes (cues) with their speakers, and the Attributor the quotes and figures
steps share: cues found once per article, answering who claims what is said at a position.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.analyze.quote_context import Context, Lexicon
from newsprism.analyze.speakers import (
    _AFTER_RIGHT_SPEAKER,
    _AMBIGUOUS_OK,
    _DETERMINER,
    Speaker,
    _clause_subject,
    speaker_left,
    speaker_right,
)
from newsprism.records import Entity, Sentence

log = logging.getLogger(__name__)

_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|as|but|although|though|whereas|amid|even as)\b|\s\u2014\s|"
    r"\b(?:fears?|concerns?|worries|reports|suspicions?|speculation|rumou?rs?)\s+(?:\w+\s+){0,4}?that\b")
_SENTENCE_END = re.compile(r"[\s,.;!?\"'\u201d\u2019)]*|\s+(?:on|last|this)\s+\w+day[.\s]*|\s+\w+day[.\s]*")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")
_ABBREV_END = re.compile(r"\b[A-Z][a-z]{0,3}\.\s*$")  # a sentence cut after "Dist." or "Atty."
_NEGATION = re.compile(r"(?:\b(?:did|does|do|has|have|had|would|will|could|was|is)\s+(?:not|never)\s+|"
                       r"\b(?:didn't|doesn't|don't|hasn't|haven't|hadn't|won't|wouldn't)\s+|\bnever\s+)$",
                       re.IGNORECASE)
_PASSIVE_AUX = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:(?:not|never|also|widely|often|[a-z]+ly)\s+)?$",
                          re.IGNORECASE)
_BY_AGENT = re.compile(r"\s+by\s+")
_THAT_NEXT = re.compile(r"\s*,?\s*that\s")
_PASSIVE_BEFORE = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)$")
_COORDINATED = re.compile(r"(?:,?\s+(?:and|but|then|and\s+then|before|after))\s+$")



@dataclass
class Cue:
    """A speech verb outside quotes with the speaker it attributes to (`side` says where it is)."""

    start: int
    end: int
    text: str
    speaker: Speaker | None
    side: str
    negation: str = ""  # "did not ", "never " written before the verb: part of what is reported

    @property
    def shown(self) -> str:
        """The cue as a reader must see it, its negation kept ('did not deny')."""
        return self.negation + self.text


_CAPITALISED_NEXT = re.compile(r" [A-Z]")
_STATE_NOUN_NEXT = re.compile(r"\s+(?:is|was|has|had|will|would|can|could|police|officials|government|law|laws|"
                              r"department|legislature|capital|level|media|television|budget|of|and|or)\b|['\u2019]s\b")
_PUNCT = "\"'.,;:!?()[]\u201c\u201d\u2018\u2019\u2014\u2013-\u00b4"


_FRONTED = frozenset(["Said", "Says", "Added", "Adds", "Wrote", "Writes"])  # verbs opening an inverted cue
_LINE_START = re.compile(r"(?:^|[.!?\n][\"'\u201d\u2019)]?\s*)$")


def cue_hits(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Speech verbs in `text` as (start, end, words): a split-and-set scan, then an anchored match
    at each hit (one big alternation over the whole text is several times slower)."""
    first = lex.cue_first | _FRONTED
    words = {w for tok in set(text.split()) if (w := tok.strip(_PUNCT)) in first}  # each token once
    if not words:
        return []
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            if (i == 0 or not text[i - 1].isalnum()) and not text[i + len(word):i + len(word) + 1].isalnum():
                if word in ("according", "According"):
                    m = _ACCORDING.match(text, i)
                    if m:
                        out.append((i, m.end(), "according to"))
                elif word in _FRONTED:
                    if _LINE_START.search(text, max(0, i - 3), i):  # "Said Dahl: ...": an inverted cue
                        out.append((i, i + len(word), word.lower()))
                else:
                    m = lex.cue.match(text, i)
                    if m:
                        out.append((i, m.end(), m.group(0)))
            i = text.find(word, i + len(word))
    out.sort()
    return out


def _closing_speaker(ctx: Context, end: int, s_hi: int, left: Speaker) -> Speaker | None:
    """A named person (titles allowed) right after the verb at `end` who ends the sentence: the
    speaker of an inverted cue, whatever the words before the verb looked like; a group or role
    (`said a spokesman for the facility`) too when the words before the verb named no one."""
    right = speaker_right(ctx, end, s_hi)
    if right is None:
        return None
    if right.how == "entity" and ctx.by_start[right.start].type == "PERSON":
        return right if _SENTENCE_END.fullmatch(ctx.text, right.end, s_hi) else None
    weak = left.how in ("place", "name", "np") or (left.how == "entity" and ctx.by_start[left.start].type == "PLACE")
    if right.how in ("group", "role") and weak and (_SENTENCE_END.fullmatch(ctx.text, right.end, s_hi)
                                                    or _MEMBER_TAIL.fullmatch(ctx.text, right.end, s_hi)):
        return right
    return None


_MEMBER_TAIL = re.compile(r"\s+(?:for|of|at|with|from)\s[^,;:\"\u201c\u201d]{1,80}?[.!?]?[\s\"'\u201d\u2019)]*")


class Attributor:
    """Finds cues and their speakers once per article; answers who claims what at a position."""

    _last: Attributor | None = None  # figures and quotes run one after the other on one article

    @classmethod
    def shared(cls, text: str, sentences: Sequence[Sentence], entities: Sequence[Entity]) -> Attributor:
        """The Attributor for exactly these objects, built once for the steps that need it."""
        last = cls._last
        if last is not None and last.text is text and last.sentences is sentences and last.entities is entities:
            return last
        cls._last = cls(text, sentences, entities)
        return cls._last

    def __init__(self, text: str, sentences: Sequence[Sentence] = (), entities: Sequence[Entity] = ()) -> None:
        self.text, self.sentences, self.entities = text, sentences, entities
        self.ctx = Context(text, sentences, entities)
        self.cues = self._find_cues()
        self.cue_starts = [c.start for c in self.cues]

    def _find_cues(self) -> list[Cue]:
        ctx, out = self.ctx, list[Cue]()
        hits = cue_hits(ctx.text, ctx.lex)
        for start, end, word in sorted(hits):
            if ctx.in_quote(start) or self._noun_use(start, end, word):
                continue
            s_lo, s_hi = ctx.sentence(start)
            lo = max(s_lo, self._last_quote_end(start))
            speaker, side = None, "left"
            if not word.endswith(("ing", "according to")) and _PASSIVE_AUX.search(ctx.text, max(lo, start - 16), start):
                agent = self._agent(start, end, s_hi)  # "was told by police that ...": the police
                if agent is not None:
                    out.append(agent)
                continue  # "the holiday is observed", "he was told": nobody says it here
            if out and _COORDINATED.search(ctx.text, max(lo, start - 12), start) and out[-1].start >= s_lo \
                    and out[-1].speaker is not None:
                speaker = out[-1].speaker  # "X contended that ... and accused Y of": X accuses
            elif out and word.endswith("ing") and out[-1].start >= s_lo and out[-1].speaker is not None and \
                    ctx.text[max(out[-1].end, out[-1].speaker.end):start].strip() == ",":
                speaker = out[-1].speaker  # "..., X said, adding that": X adds
            elif word != "according to":
                speaker = speaker_left(ctx, start, lo)
            if speaker is not None and word.endswith("ing") and speaker.how in ("entity", "name", "place") and \
                    ctx.text[max(lo, speaker.end):start].strip() == ",":
                # "Okafor criticised the raid in Tarvik, warning ...": the clause's subject, not Tarvik
                speaker = _clause_subject(ctx, lo, speaker.start) or speaker
            if speaker is None and word.endswith("ing"):  # "Okafor flew to the capital, warning"
                speaker = _clause_subject(ctx, lo, start, at_start=not ctx.text[lo:start].rstrip().endswith(","))
            elif speaker is None and (co := _COORDINATED.search(ctx.text, max(lo, start - 12), start)) and \
                    not _PASSIVE_BEFORE.search(ctx.text, max(lo, co.start() - 40), co.start()):
                # "X criticised Y and called for Z" (not "X was arrested and charged with")
                speaker = _clause_subject(ctx, lo, start, at_start=True)
            if speaker is not None and word != "according to" and word.split()[0].lower() not in ctx.lex.object_verbs:
                right = _closing_speaker(ctx, end, s_hi, speaker)
                if right is not None:  # "..., in Tarvik, Nordland, said harbour spokesman X Y."
                    speaker, side = right, "right"
            if speaker is None:
                hi = s_hi + 60 if _ABBREV_END.search(ctx.text, max(0, s_hi - 8), s_hi) else s_hi
                speaker, side = speaker_right(ctx, end, min(hi, len(ctx.text))), "right"
                if speaker is not None and speaker.how in ("entity", "name") and word != "according to" and \
                        not _AFTER_RIGHT_SPEAKER.match(ctx.text, speaker.end):
                    speaker = None  # "his lawyer said Gigante had been ill": Gigante is not speaking
                # ("X ... said she wanted": the pronoun opening the reported clause is most often
                # the speaker, so it stays)
                if speaker is not None and speaker.how != "pronoun" and \
                        word.split()[0].lower() in ctx.lex.object_verbs and " " not in word:
                    speaker = None  # "told Washington Post Live": the hearer, not the speaker
            if speaker is not None and word.split()[0].lower() in ctx.lex.ambiguous and \
                    speaker.how in ("name", "np") and not _AMBIGUOUS_OK.match(ctx.text, end):
                continue
            if speaker is not None and speaker.name and (speaker.how in ("name", "pronoun") or (
                    speaker.how == "entity" and ctx.by_start[speaker.start].type == "PERSON")):
                ctx.speakers.append((start, speaker.name))  # the salient speaker "he said" may continue
            neg = _NEGATION.search(ctx.text, max(0, start - 24), start)
            out.append(Cue(start, end, word, speaker, side, neg.group(0) if neg else ""))
        return out

    def _agent(self, start: int, end: int, s_hi: int) -> Cue | None:
        """The cue of a passive speech verb with its `by` agent as speaker, None without one."""
        by = _BY_AGENT.match(self.ctx.text, end, s_hi)
        who = speaker_right(self.ctx, by.end(), s_hi) if by is not None else None
        if who is None or not _THAT_NEXT.match(self.ctx.text, who.end, s_hi):
            return None  # only "was told by X that ...": "confirmed by the FBI, whose agents" reports nothing
        return Cue(start, end, self.ctx.text[start:end], who, "right")

    def _noun_use(self, start: int, end: int, word: str) -> bool:
        """`the report`, `a statement`, `state´s borders`: the cue word is a noun here."""
        text = self.ctx.text
        if text[end:end + 1] in ("\u00b4", "'", "\u2019", "-") or text[start - 1:start] == "-":
            return True
        if text[max(0, start - 3):start] == "to ":
            return True  # "declined to say", "urged the party to acknowledge": not this clause's speech
        if word in ("state", "states", "State", "States") and (
                _CAPITALISED_NEXT.match(text, end) or _STATE_NOUN_NEXT.match(text, end)
                or (self.ctx.by_end.get(start - 1) is not None and self.ctx.by_end[start - 1].type == "PLACE")):
            return True  # "state Sen. X", "Belt states Ohio and Iowa", "Unity state was", "Nile state,": the noun
        return word.split()[0].lower() in self.ctx.lex.ambiguous and (
            bool(_DETERMINER.search(text, max(0, start - 8), start)) or text.startswith(" to ", end)
            or text.startswith(" for ", end) and not word.endswith(("ed", "ing")))  # "called for" is a verb

    def _last_quote_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.ctx.span_starts, pos) - 1
        return self.ctx.spans[i].outer_end if i >= 0 and self.ctx.spans[i].outer_end <= pos else 0

    def in_sentence(self, pos: int) -> list[Cue]:
        """The cues with a speaker in the sentence holding `pos` (within 600 characters of it)."""
        lo, hi = self.ctx.sentence(pos)
        lo, hi = max(lo, pos - 600), min(hi, pos + 600)  # a run-on "sentence" stays cheap
        i, j = bisect.bisect_left(self.cue_starts, lo), bisect.bisect_left(self.cue_starts, hi)
        return [c for c in self.cues[i:j] if c.speaker is not None]

    def claimant(self, pos: int) -> Speaker | None:
        """Who claims what is said at `pos`: the reporting clause before it in its sentence (unless
        a new clause starts in between: `, with`, `; `), or an inverted one ending the sentence."""
        text = self.ctx.text
        cues = self.in_sentence(pos)
        before = [c for c in cues if c.end <= pos]
        if before and not _CLAUSE_BREAK.search(text, before[-1].end, pos):
            return before[-1].speaker
        _, hi = self.ctx.sentence(pos)
        for cue in (c for c in cues if c.start >= pos):
            last = max(cue.end, cue.speaker.end if cue.speaker else cue.end)
            if _SENTENCE_END.fullmatch(text, last, hi) and not _CLAUSE_BREAK.search(text, pos, cue.start):
                return cue.speaker
        return None
