"""Who said it: the speaker of a speech verb (a cue; the cues themselves are in `analyze.cues`).

A speaker ends right before its cue (`Malyar said`, `US officials in Washington have said`,
`Schumer (D-N.Y.) said`) or starts right after it (`said Artyom Shraibman`, `according to Kremlin
spokesman Dmitry Peskov`); it is an entity, a pronoun resolved by gender and recency, a role noun
(`the president`), a group (`US officials`), a definite noun phrase or a capitalised name.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_roles import role_vocab
from newsprism.analyze.entity_rules import is_outlet
from newsprism.analyze.quote_context import NOT_NAMES, PRONOUNS, Context
from newsprism.lexicon import month_names
from newsprism.records import Entity

log = logging.getLogger(__name__)

_ADVERBS = (r"(?:(?:also|meanwhile|however|too|now|instead|subsequently|initially|first|finally|"
            r"simply|flatly|openly|bluntly|angrily|often|sharply|strongly|firmly|frequently|widely|already|just|still|even|"
            r"explicitly|clearly|loudly|quietly|formally|officially|personally|directly|specifically|immediately|"
            r"briefly|calmly|allegedly|eventually|originally|apparently|consistently|vehemently|adamantly|"
            r"emphatically|forcefully|both|all|[a-z]+ed\s+and|later|previously|earlier|then|recently|again|repeatedly|publicly|privately|"
            r"reportedly|has|have|had|would|will|could|may|might|quickly|separately|further|once|"
            r"did|does|do|not|didn't|doesn't|don't|hasn't|haven't|hadn't|won't|wouldn't|"
            r"never|long|had|last\s+\w+day|on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|"
            r"on\s+Twitter|(?:in|on|during|since)\s+(?:(?:late|early|mid)-?\s*)?(?:" + "|".join(month_names())
            + r"|\w+day|\d{4})|at\s+a\s+[\w\s]{0,30}?(?:conference|briefing|rally|meeting))\s+)*")
_ADVERBS_END = re.compile(_ADVERBS + "$")
# The words an item of _ADVERBS can end with (a digit ends "in 2019" too): a window whose last word
# ends with none of them has no adverbs before its cue, which spares most cues the slow search.
_ADVERB_TAILS = tuple(str.split("""often sharply strongly firmly frequently widely already just still even
    explicitly clearly loudly quietly formally officially personally directly specifically immediately briefly
    calmly allegedly eventually originally apparently consistently vehemently adamantly emphatically forcefully
    both all also meanwhile however too now instead subsequently initially first finally
    simply flatly openly bluntly angrily and later previously earlier then recently again repeatedly
    publicly privately reportedly has have had would will could may might quickly separately further
    did does do not n't
    once never long day statement interview Twitter conference briefing rally meeting""")) + month_names()
_NAME_LEFT = re.compile(r"(?<![\w'\u2019.-])((?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+)\s*$")
_NAME_RIGHT = re.compile(r"((?:Mr\.|Mrs\.|Ms\.|Dr\.)?\s?(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+)")
_PRONOUN_LEFT = re.compile(r"(?<![\w'\u2019])([Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)\s*$")
_PRONOUN_RIGHT = re.compile(r"(he|she|they|it)\b")
# words that make the run before a name a noun phrase of its own ("expect a new X"), not a description
_NOT_DESCRIPTION = frozenset(["a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "my",
                              "our", "your", "new", "old", "another", "every", "no", "any", "to", "of", "for", "with"])
_OPENING_PRONOUN = re.compile(r"\s*(?:(?:But|And|Yet|So|Then|Later|Still)\s*,?\s+)?(He|She|They)\b")
_PAREN_END = re.compile(r"\s*\([^()]{1,40}\)$")
_SUBORDINATOR = re.compile(r"(?:After|Before|When|While|Because|If|Although|Though|As|Since|Once|Until|Unless|"
                           r"But|And|So|Yet|Still|Now|Then|Meanwhile|However)\s+")
_IN_PHRASE = re.compile(r"\b(?:the|a|an|of|for|with|against|by|to|from|at|in|on|near|outside)\s+$")
_TAIL_CLAUSE = re.compile(r"(?:,\s*who|\s*\([^()]{1,40}\))\s*$")
_TITLE_RUN = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+|[a-z\d][\w/-]*\s+){0,5}")
_NP_LEFT = re.compile(r"(?<![\w-])((?:[Tt]he|[Mm]any|[Ss]ome|[Mm]ost|[Oo]ther|[Tt]wo|[Tt]hree|[Ss]everal)\s+"
                      r"(?:[a-z][\w-]*\s+){0,2}([a-z]+s?))\s*$")
_OWNER_ROLE_LEFT = re.compile(r"((?:(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*|(?<![\w-])(?:[Tt]he\s+)?[a-z]+)['\u2019]s\s+"
                              r"(?:[a-z][\w-]*\s+){0,3}([a-z]+))\s*$")
_POSS_NP_LEFT = re.compile(r"(?<![\w-])((?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[a-z][\w-]*\s+){0,2}([a-z]+))\s*$")
# what may follow a speaker named after its verb ("said Smith on Monday"); any other lower-case word
# makes the name the subject of a new clause ("said Smith had been ill"), not the speaker
_AFTER_RIGHT_SPEAKER = re.compile(
    r"(?:\s*[,.;:!?)\"\u201d\u2014\u2013-]|\s*$|\s+(?:on|in|at|during|who|when|after|before|as|last|this|today|"
    r"yesterday|earlier|later|to|of|from|for|with|while|according|adding|citing|noting|and|but|[A-Z(\d]))")
_NOT_HEADS = frozenset(["way", "fact", "time", "case", "idea", "point", "thing", "one", "same", "rest",
                        "most", "least", "latter", "former", "other", "others", "more", "less",
                        "to", "of", "for", "and", "or", "that", "who", "which", "not", "also",
                        # a phrase ending with a preposition or subordinator is no speaker ("his campaign by")
                        "by", "since", "with", "after", "before", "from", "in", "on", "at", "about", "into",
                        "over", "under", "through", "during", "without", "than", "as", "while", "when",
                        "because", "if", "until", "upon", "via", "against", "among", "between"])
_LOCATIVE = re.compile(r"\s+(?:in|at|from|along|near|outside|around)\s+(?:the\s+)?(?:[\dA-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*"
                       r"(?:,\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?,?)?\s*$")  # "in Tarvik, Nordland,"
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|one|his|her|its|their|our|this|that|these|those|whose|my|your)|[-\u00b4'\u2019]s?)\s*$", re.IGNORECASE)
_AMBIGUOUS_OK = re.compile(r"\s*(?:that\b|[:,\"\u201c\u201d])")
_APPOSITIVE = re.compile(r",[^,;:\"\u201c\u201d]{1,140},\s*$")
_RELATIVE_END = re.compile(r",\s*(?:who|which|whose)\b[^,;:\"\u201c\u201d]{1,90},\s*$")
_AGE_HOME = re.compile(r"(?:,\s*(?:\d{1,3}|(?:of|from)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2}|"
                       r"[A-Z][a-z]{0,3}\.|[A-Z][a-z]+))+,?\s*$")
_RELATIVE = re.compile(r",\s*(?:which|who|whose|that|where)\b")
_APPOSITIVE_NP = re.compile(r",\s*(?:a|an|the)\s[^,;:\"\u201c\u201d]{1,90}$")
_LEAD = re.compile(r"(?:(?:{})\s+)*".format("|".join(NOT_NAMES)))


@dataclass
class Speaker:
    """Who a cue attributes speech to: canonical name (or None), the words and where they are."""

    name: str | None
    text: str
    start: int
    end: int
    how: str = "entity"  # entity, pronoun, role, group or name (a capitalised run no entity covers)



# ---------------------------------------------------------------- speakers


def speaker_left(ctx: Context, pos: int, lo: int) -> Speaker | None:
    """The speaker whose words end right before `pos` (a cue), looking no further back than `lo`."""
    text = ctx.text
    window = text[max(lo, pos - 200):pos]
    base = pos - len(window)
    cut = _adverbs_start(window)
    tail = _TAIL_CLAUSE.search(window, max(0, cut - 50), cut)
    if tail is not None:  # "Lavrov, who noted", "Schumer (D-N.Y.) said"
        cut = tail.start()
    rel = _RELATIVE_END.search(window, max(0, cut - 100), cut) if "wh" in window else None
    if rel is not None:  # "X, 59, who watched it on the Mall, said": X, not the Mall
        cut = rel.start()
        inner = _APPOSITIVE_NP.search(window, max(0, cut - 100), cut)
        cut = inner.start() if inner is not None else cut
    home = _AGE_HOME.search(window, max(0, cut - 60), cut) if window[:cut].rstrip()[-1:] in (",", ".") else None
    person = ctx.by_end.get(home.start() + base) if home is not None else None
    if person is not None and person.type == "PERSON":  # "X, 59, of Ashton, Md., said"
        return _speaker_ending_at(ctx, person.end, lo)
    if rel is None and window[:cut].rstrip().endswith(","):
        comma = base + len(window[:cut].rstrip()) - 1
        named = ctx.by_end.get(comma)
        if named is not None and not _IN_PHRASE.search(ctx.text, max(lo, named.start - 12), named.start):
            return _speaker_ending_at(ctx, comma, lo)  # not "X, one of the states suing the EPA, said"
    app = _APPOSITIVE.search(window, max(0, cut - 150), cut)
    if app is not None and any(m.group(0).split()[0].lower() not in ctx.lex.ambiguous
                               for m in ctx.lex.cue.finditer(window, app.start(), app.end())):
        app = None  # "In X, Y said A, B, calls and ...": a clause with its own verb, no apposition
    if app is not None:
        cut = app.start()
        inner = _APPOSITIVE_NP.search(window, max(0, cut - 100), cut)
        if inner is not None and (_RELATIVE.match(window, cut) or _person_ends(ctx, base + inner.start())):
            cut = inner.start()  # "X, a spokeswoman for Y, which ..., said", "X, the mayor of Y, one of ..., said"
    end = base + cut
    while end > lo and text[end - 1].isspace():
        end -= 1
    paren = _PAREN_END.search(text, max(lo, end - 45), end) if app is not None else None
    if paren is not None:  # "Rep. X (D-N.Y.), chairman of Y, said"
        end = paren.start()
    return _speaker_ending_at(ctx, end, max(lo, end - 90))


def _person_ends(ctx: Context, pos: int) -> bool:
    ent = ctx.by_end.get(pos)
    return ent is not None and ent.type == "PERSON"


def _adverbs_start(window: str) -> int:
    """Where the adverbs and time phrases ending `window` start ('also', 'on Tuesday')."""
    stripped = window.rstrip()
    if not window.endswith("\n") and not stripped.endswith(_ADVERB_TAILS) and not stripped[-1:].isdigit():
        return len(window)
    adv = _ADVERBS_END.search(window, max(0, len(window) - 70))
    return adv.start() if adv else len(window)


def _may_end_with(text: str, lo: int, end: int, tails: tuple[str, ...]) -> bool:
    """False when text[lo:end], trailing space aside, cannot end with one of the lower-case
    `tails` (a cheap test before a right-anchored search; non-ASCII text always passes)."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    tail = text[max(lo, end - 40):end]
    return not tail.isascii() or tail.lower().endswith(tails)


def speaker_ending_at(ctx: Context, end: int, lo: int) -> Speaker | None:
    """The speaker whose words end exactly at `end` (an entity, pronoun, role, group or name)."""
    return _speaker_ending_at(ctx, end, lo)


def _speaker_ending_at(ctx: Context, end: int, lo: int) -> Speaker | None:
    text = ctx.text
    loc = _LOCATIVE.search(text, max(lo, end - 50), end)
    if loc is not None:  # "US officials in Washington said": the speaker is before the place
        found = _speaker_ending_at(ctx, loc.start(), lo)
        if found is not None and found.how in ("group", "role", "entity"):
            return found
    ent = ctx.by_end.get(end)
    if ent is not None and ent.type in ("ORG", "PLACE"):
        person = _person_from(ctx, ent)
        if person is not None:  # "X from the Relief Agency said": X, not the agency
            return person
    if ent is not None:
        return _entity_speaker(ctx, ent)
    m = _POSSESSOR_ROLE.search(text, max(lo, end - 40), end) if "s " in text[max(lo, end - 40):end] else None
    owner = ctx.by_end.get(m.start()) if m is not None else None
    if owner is not None:  # "Acme's spokesman said": the spokesman speaks for Acme
        who = _entity_speaker(ctx, owner)
        return Speaker(who.name, text[owner.start:end], owner.start, end, "group")
    m = _PRONOUN_LEFT.search(text, max(lo, end - 6), end)
    if m:
        return _pronoun(ctx, m.group(1), m.start(1))
    m = ctx.lex.role_left.search(text, max(lo, end - 60), end) \
        if _may_end_with(text, lo, end, ctx.lex.role_tails) else None
    if m:
        s = m.start(1) - 4
        return Speaker(ctx.last_person(s, m.group(2).lower()), text[s:end], s, end, "role")
    m = ctx.lex.group_left.search(text, max(lo, end - 80), end) \
        if _may_end_with(text, lo, end, ctx.lex.group_tails) else None
    if m:
        lead = _SUBORDINATOR.match(m.group(1))  # "After campaign aides insisted": the aides
        words, at = (m.group(1)[lead.end():], m.start(1) + lead.end()) if lead else (m.group(1), m.start(1))
        return Speaker(_group_name(words), words, at, end, "group")
    m = _NAME_LEFT.search(text, max(lo, end - 70), end)
    if m:
        return _name(ctx, m.group(1), m.start(1))
    m = _OWNER_ROLE_LEFT.search(text, max(lo, end - 60), end) if "s " in text[max(lo, end - 60):end] else None
    if m and m.group(2).lower() not in _NOT_HEADS:  # "X's former campaign strategist said": unnamed
        return Speaker(None, m.group(1), m.start(1), end, "np")
    m = _POSS_NP_LEFT.search(text, max(lo, end - 40), end)
    if m and m.group(2).lower() not in _NOT_HEADS:  # "his lawyer said": someone, not a name we know
        return Speaker(None, m.group(1), m.start(1), end, "np")
    m = _NP_LEFT.search(text, max(lo, end - 50), end)
    if m and m.group(1).lower().startswith("the ") and m.group(2).lower() in _ORG_NOUNS:
        return Speaker(_last_org(ctx, m.start(1)), m.group(1), m.start(1), end, "role")  # "the company said"
    if m and m.group(2).lower() not in _NOT_HEADS:
        name = _group_name(m.group(1)) if m.group(2).lower().endswith(_PEOPLE_NOUN_ENDS) else None
        return Speaker(name, m.group(1), m.start(1), end, "np")  # "the website says": no one named
    return None


def speaker_right(ctx: Context, pos: int, hi: int) -> Speaker | None:
    """The speaker named right after a cue at `pos` (`said Artyom Shraibman`, `said the minister`)."""
    text = ctx.text
    while pos < hi and text[pos] == " ":
        pos += 1
    person = _titled_person(ctx, pos, hi)
    if person is not None:
        return Speaker(ctx.canonical(person, person.start), person.text, person.start, person.end)
    ent = ctx.by_start.get(pos)
    if ent is None and text.startswith(("the ", "The "), pos):
        ent = ctx.by_start.get(pos + 4)  # "according to the NAACP"
    if ent is not None:
        return _entity_speaker(ctx, ent)
    window = text[pos:min(hi, pos + 120)]
    m = _PRONOUN_RIGHT.match(window)
    if m:
        return _pronoun(ctx, m.group(1), pos)
    m = ctx.lex.role_right.match(window)
    if m:
        return Speaker(ctx.last_person(pos, m.group(2).lower()), m.group(0), pos, pos + m.end(), "role")
    m = ctx.lex.group_right.match(window)
    if m:
        return Speaker(_group_name(m.group(1)), m.group(1), pos + m.start(1), pos + m.end(1), "group")
    m = _NAME_RIGHT.match(window)
    if m and m.group(1).strip() not in NOT_NAMES:
        return _name(ctx, m.group(1).strip(), pos + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())))
    return None


_POSSESSOR_ROLE = re.compile(r"['\u2019]s?\s+((?:press\s+|chief\s+|official\s+)?(?:spokes(?:man|woman|person)|press\s+office|"
                             r"press\s+secretary|representative))\s*$", re.IGNORECASE)


_MEMBER_OF = re.compile(r"\s+(?:from|of|at|with|for)\s+(?:the\s+)?$")


def _person_from(ctx: Context, org: Entity) -> Speaker | None:
    """The person named right before 'from/of/at the <organisation>' ending at a cue."""
    m = _MEMBER_OF.search(ctx.text, max(0, org.start - 12), org.start)
    person = ctx.by_end.get(m.start()) if m is not None else None
    if person is None or person.type != "PERSON":
        return None
    return Speaker(ctx.canonical(person, person.start), ctx.text[person.start:org.end], person.start, org.end)


def _entity_speaker(ctx: Context, ent: Entity) -> Speaker:
    """An entity as the speaker of a cue; no name when it cannot speak for itself: a news outlet
    reports, it is not the source of what it reports; a town or region is a place fragment
    (`R-Ohio`, `in Ohio`), while a country or seat of power speaks for its government."""
    if ent.type == "ORG" and is_outlet(ent.canonical):
        return Speaker(None, ent.text, ent.start, ent.end, "outlet")
    if ent.type == "PLACE" and not (gz.country_code(ent.canonical) or gz.seat_of_power(ent.canonical)):
        person = ctx.person_by_surname(ent.text, ent.start)  # "Warren said": the senator, not the town
        if person is not None:
            return Speaker(person, ent.text, ent.start, ent.end, "name")
        if ctx.text[max(0, ent.start - 4):ent.start].rstrip().endswith(("-", "(", "in", "of", "from", "at")):
            return Speaker(None, ent.text, ent.start, ent.end, "place")  # "(R-Ohio) said", "in Ohio said"
    return Speaker(ctx.canonical(ent, ent.start), ent.text, ent.start, ent.end)


def _clause_subject(ctx: Context, lo: int, pos: int, at_start: bool = False) -> Speaker | None:
    """The person or organisation opening the sentence, as the subject of a participle cue (the
    person after an organisation's title words: 'Acme chief executive X Y ..., saying'); with
    `at_start`, only one standing first in the sentence."""
    i = bisect.bisect_left(ctx.ent_starts, lo)
    found: Entity | None = None
    for ent in ctx.entities[i:i + 4]:
        if ent.start >= pos or ent.start - lo > 60 or (at_start and found is None and ent.start - lo > 3):
            break
        if found is not None:
            gap = ctx.text[found.end:ent.start].split()
            if ent.type == "PERSON" and gap and all(w.lower() in role_vocab() or w.lower() in ("and", "of", "the")
                                                     or w[:1].isupper() for w in gap):
                found = ent  # "Acme president and chief executive X Y"
            break
        if ent.type in ("PERSON", "ORG") and ent.text.lower() not in PRONOUNS:
            found = ent
            if ent.type == "PERSON":
                break
    if found is None:
        m = _OPENING_PRONOUN.match(ctx.text, lo, pos)  # "He then defended the remark, saying"
        return _pronoun(ctx, m.group(1), m.start(1)) if m is not None else None
    return _entity_speaker(ctx, found)


def _titled_person(ctx: Context, pos: int, hi: int) -> Entity | None:
    """A person named after a run of title words (`according to Kremlin spokesman Dmitry Peskov`)."""
    i = bisect.bisect_left(ctx.ent_starts, pos)
    for ent in ctx.entities[i:i + 4]:
        if ent.start >= min(hi, pos + 70):
            break
        if ent.type == "PERSON" and ent.text.lower() not in PRONOUNS:
            gap = ctx.text[pos:ent.start]
            words = gap.split()
            if _TITLE_RUN.fullmatch(gap) and (all(w[:1].isupper() or w.lower() in ctx.lex.titles
                                                  or w.lower() in ctx.lex.roles for w in words)
                                              or 0 < len(words) <= 3 and words[-1].lower() in role_vocab()
                                              or 0 < len(words) <= 3 and all(not w[:1].isupper() for w in words)
                                              and not any(w.lower() in _NOT_DESCRIPTION for w in words)):
                return ent  # also a plain description before the name: "said 9/11 widow X Y", "longtime resident X Y"
            return None
    return None


def _pronoun(ctx: Context, word: str, start: int) -> Speaker:
    name = ctx.resolve_pronoun(start, word)
    ent = ctx.pronoun_links.get(start)
    if name is None and ent is not None:  # the entities step linked the pronoun
        name = ctx.canonical(ent, ent.start)
    return Speaker(name, word, start, start + len(word), "pronoun")


def _name(ctx: Context, words: str, start: int) -> Speaker | None:
    """A capitalised name the entities step did not give: titles dropped, matched by surname."""
    lead = _LEAD.match(words)
    if lead is not None and lead.end():
        start, words = start + lead.end(), words[lead.end():]
    tokens = words.split()
    # the name starts after its last title word ("Superior Court Judge Amos Reyes", "Sen. X")
    last = max((i for i, t in enumerate(tokens[:-1]) if t.lower() in ctx.lex.titles
                or t.lower().rstrip(".") in role_vocab()), default=-1)
    for _ in range(last + 1):
        cut = words.index(tokens[1], len(tokens[0]))
        start, words, tokens = start + cut, words[cut:], tokens[1:]
    if len(tokens) == 1 and tokens[0].lower() in role_vocab() and gz.role_sector(tokens[0]):
        return Speaker(ctx.last_person(start, tokens[0].lower()), words, start, start + len(words), "role")
    if not tokens or words in NOT_NAMES or tokens[-1] in NOT_NAMES or \
            tokens[-1].lower() in ctx.lex.titles or re.search(r"['\u2019\u00b4]s$", words):
        return None
    i = bisect.bisect_left(ctx.ent_starts, start)
    for ent in reversed(ctx.entities[max(0, i - 60):i]):
        if ent.type == "PERSON" and ent.canonical.split()[-1] == tokens[-1]:
            return Speaker(ent.canonical, words, start, start + len(words), "name")
    if not _person_shaped(ctx, tokens):
        return None  # "Drills", "Comment by", "Democratic-leaning": fragments, not people
    return Speaker(words, words, start, start + len(words), "name")


_NAME_TOKEN = re.compile(r"(?:Mc|Mac|O['\u2019]|D['\u2019])?[A-Z][a-z'\u2019]+(?:-[A-Za-z][a-z]+)?|[A-Z]\.")


def _person_shaped(ctx: Context, tokens: list[str]) -> bool:
    """A run no entity covers reads as a person's name: a known given name first, or two or three
    name-shaped words none of which is a group, role or document noun."""
    if any(t in ctx.lex.gender or t in gz.given_names() for t in tokens[:-1]):
        return True
    if len(tokens) == 1:  # a surname the entities step missed: a word the text never writes in lower case
        t = tokens[0]
        return bool(_NAME_TOKEN.fullmatch(t)) and len(t) > 2 and not ctx.written_lower(t) and \
            t.lower() not in ctx.lex.roles and t.lower() not in DOCUMENTS and t.lower() not in role_vocab()
    return 2 <= len(tokens) <= 3 and all(_NAME_TOKEN.fullmatch(t) for t in tokens) and not any(
        t.lower() in ctx.lex.roles or t.lower() in DOCUMENTS or t.lower() in role_vocab() for t in tokens)


_ORG_NOUNS = frozenset(["company", "firm", "group", "agency", "organization", "organisation", "bank", "airline",
                        "carrier", "club", "team", "union", "charity", "manufacturer", "retailer", "chain",
                        "maker", "insurer", "operator", "utility", "church", "school", "university", "hospital"])


def _last_org(ctx: Context, pos: int) -> str | None:
    """The organisation 'the company' refers to: the last one named before `pos` outside quotes,
    news outlets aside, within about a paragraph or two."""
    i = bisect.bisect_left(ctx.ent_starts, pos)
    for ent in reversed(ctx.entities[max(0, i - 40):i]):
        if pos - ent.end > 800:
            return None
        if ent.type == "ORG" and not is_outlet(ent.canonical) and not ctx.in_quote(ent.start):
            return ctx.canonical(ent, ent.start)
    return None


# endings of nouns for people ("the protesters", "many voters", "the residents", "some families")
_PEOPLE_NOUN_ENDS = ("ers", "ors", "ists", "ians", "ants", "ents", "people", "men", "women", "members",
                     "families", "parents", "children", "students", "er", "or", "ist", "ian", "ant")

# documents that are sources of findings in their own right ("the survey found", "a study shows")
FINDINGS = frozenset(["poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data", "figures"])
DOCUMENTS = frozenset(["poll", "polls", "survey", "surveys", "report", "reports", "statement", "statements",
                       "study", "studies", "release", "communique", "memo", "letter", "document", "documents",
                       "filing", "complaint", "lawsuit", "indictment", "data", "figures"])


def _group_name(words: str) -> str | None:
    """The name of a group speaker (`US officials`); a document's owner (`a Foreign Office
    statement`); a poll or study as the source of its findings (`Survey`); none for a bare
    document (`a statement`), which carries words but does not say whose."""
    words = re.sub(r"^(?:(?:but|and|so|yet|the|a|an)\s+)+", "", words.strip(), flags=re.IGNORECASE)
    if words.split()[-1].lower() in DOCUMENTS:  # "a Foreign Office statement": the Foreign Office
        owner = " ".join(w for w in words.split()[:-1] if w[:1].isupper())
        if owner and not is_outlet(owner) and owner.split()[-1][:1].isupper():
            return owner
        if words.split()[-1].lower() not in FINDINGS:
            return None  # "a statement says": whose, the text does not say here
    return words[0].upper() + words[1:] if words[:1].islower() else words
