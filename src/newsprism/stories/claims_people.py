"""Facts framed by a person: who holds an office, how a person's name is spelt, where they live.

Outlets disagree on names as well as on numbers: one names "Ana Ruiz" as the club's chief
executive and another "Ana Ortiz"; one spells the victim "Tomas Brell", another "Tomas Brella";
one says the driver is "of Millbrook", another "of Eastvale". Each of these is a claim whose frame
is a person or an office, never a bare word:
- an office (`name`, key `office`): a person whose role is an office one person holds at a time
  ("general manager", "mayor", "police chief") of a body named before it ("Harbor FC general
  manager"). Two articles naming different people in it are compared only when the body is the
  same (or one names the body and the other article names it elsewhere), neither article names
  the other person at all and their sentences share words (one statement, one happening): two
  coaches of two teams, or "President X" and "President Y" with no country, are no disagreement;
- a spelling (`name`, key `person`): one given name with two close surnames ("Brell"/"Brella"),
  in sentences about one happening, for the people the reports open on (the first sentences: who
  the story is about, not every official quoted); names the entities step already folds as one spelling
  (Zelenskiy/Zelensky) are one name;
- a home town (`place`, key `home`): "Tomas Brell, 36, of Millbrook," read for one person (given
  name and surname), the person being the frame as for ages.
Only disagreements about names are shown: two outlets spelling a name alike is no news.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from newsprism.lexicon import given_names
from newsprism.records import Entity
from newsprism.stories.claims_values import name_tokens
from newsprism.stories.view_facts import ArticleContext, Fact
from newsprism.stories.view_text import fold

SINGLE_OFFICES = frozenset({
    "general manager", "chief executive", "chief executive officer", "ceo", "chairman",
    "chairwoman", "chairperson", "head coach", "coach", "manager", "mayor", "governor",
    "police chief", "chief of police", "fire chief", "sheriff", "district attorney",
    "attorney general", "director general", "secretary general", "secretary-general", "owner",
    "principal", "headteacher", "head teacher", "superintendent", "chief constable", "warden",
    "coroner", "medical examiner", "captain", "commissioner", "president", "prime minister",
})  # offices one person holds at a time for one body (a "spokesman" or "minister" is one of many)
_ENDS_ON_OFFICE = re.compile(
    r"(?i)(?:" + "|".join(sorted({o.split()[-1] for o in SINGLE_OFFICES}, key=len, reverse=True))
    + r")\s+$")
_NOT_NOW = frozenset({"former", "ex", "acting", "interim", "late", "then", "deputy", "assistant",
                      "vice", "associate", "past", "incoming", "outgoing", "new"})
SURNAME_SPELLING = 0.8  # two surnames this close are one surname written two ways
LEAD = 3  # a spelling is compared for the people a report opens on (its subjects, not sources)
_MENTIONS = 2  # sentences read per person and article (the first mentions)
_HOME = re.compile(r"\s*,?\s*(?:\d{1,3}\s*,\s*)?of\s+([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+)?)"
                   r"(?=\s*[,.;)]|\s+(?:was|is|who|has|had|died|and|on|in)\b)")


def people_facts(ctx: ArticleContext) -> list[Fact]:
    """Office, spelling and home-town facts of the people one article names."""
    if not ctx.entities:
        return []
    named = frozenset(_surname(e.canonical or e.text) for e in ctx.entities if _is_person(e)) | \
        frozenset(fold(e.canonical or e.text) for e in ctx.entities if e.type in ("ORG", "PLACE"))
    out: list[Fact] = []
    seen: dict[str, int] = {}
    text = ctx.article.text
    for e in ctx.entities:
        name = (e.canonical or e.text).strip()
        if len(name.split()) < 2 or seen.get(name, 0) >= _MENTIONS:
            continue
        titled = _title_before(text, e.start)
        fused = _fused_title(text, e.start, e.end) if titled is None else None
        if fused is not None:  # "Harbor FC General Manager Ana Ruiz" read as one name
            start, name = fused
            titled = _title_before(text, start)
            out.append(_office_fact(ctx, titled, start, e.end, name, named))  # type: ignore[arg-type]
            continue
        person = _is_person(e)
        if person:
            seen[name] = seen.get(name, 0) + 1
        index = ctx.sentences.index_of(e.start)
        spelt = person and index < LEAD and _plain_name(name)
        home = _HOME.match(text, e.end) if person else None
        if home is not None and ctx.place_at(home.start(1), home.end(1)) is None:
            home = None
        if titled is None and not spelt and home is None:
            continue  # most mentions: nothing to read, no sentence words to compute
        sent = ctx.sentences.around(e.start, e.end)
        base = {"article_id": ctx.article.id, "sentence": sent, "actors": named,
                "persons": ctx.persons_in(*sent), "names": ctx.names_in(*sent) - {name},
                "words": ctx.content(sent) - _words_of(name), "sentence_index": index}
        if titled is not None:  # a title before a name makes it a person, whatever its type
            out.append(_office_fact(ctx, titled, e.start, e.end, name, named))
        if spelt:
            out.append(Fact(kind="name", key=("name", "person", fold(name.split()[0])),
                            subject=f"spelling of {name}", start=e.start, end=e.end, text=name,
                            **base))  # type: ignore[arg-type]
        if home is not None:
            out.append(Fact(kind="place", key=("place", "home", _person_id(name)),
                            subject=f"home town of {name}", start=home.start(1), end=home.end(1),
                            text=home.group(1), **base))  # type: ignore[arg-type]
    return out


def _plain_name(name: str) -> bool:
    """A given name and a surname of letters ("Ana Ruiz", not "U. S. Marshals" or "A.J. Ruiz")."""
    words = name.split()
    return words[0].isalpha() and len(words[0]) > 1 and words[-1].isalpha()


def _is_person(e: Entity) -> bool:
    """A person, or a name the entities step left untyped that opens on a known given name."""
    if e.type == "PERSON":
        return True
    words = (e.canonical or e.text).split()
    return e.type == "OTHER" and len(words) in (2, 3) and words[0] in given_names() and all(
        w[:1].isupper() for w in words)


_GENERIC_BODY = frozenset({"team", "club", "company", "firm", "city", "county", "state", "police",
                           "department", "school", "the", "its", "their", "his", "her"})


def _fused_title(text: str, start: int, end: int) -> tuple[int, str] | None:
    """(start, name) of the person's name inside an entity that took the title in ("Harbor FC
    General Manager Ana Ruiz"): the name is the last two or three words after an office."""
    span = text[start:end]
    words = list(re.finditer(r"\S+", span))
    for k in range(1, len(words) - 1):
        rest = span[words[k].start():]
        if len(rest.split()) <= 3 and all(w[:1].isupper() for w in rest.split()) and \
                _title_before(text, start + words[k].start()) is not None:
            return start + words[k].start(), rest
    return None


def _office_fact(ctx: ArticleContext, titled: tuple[str, str], start: int, end: int, name: str,
                 named: frozenset[str]) -> Fact:
    office, body = titled
    sent = ctx.sentences.around(start, end)
    return Fact(kind="name", key=("name", "office", office), subject=f"{office} named",
                article_id=ctx.article.id, start=start, end=end, text=name, sentence=sent,
                mods=frozenset({body}), actors=named, persons=ctx.persons_in(*sent),
                names=ctx.names_in(*sent) - {name}, words=ctx.content(sent) - _words_of(name),
                sentence_index=ctx.sentences.index_of(start))


def _title_before(text: str, start: int) -> tuple[str, str] | None:
    """(office, body) when a name at `start` follows the title of an office one person holds
    ("Harbor FC general manager Ana Ruiz" -> ("general manager", "harbor fc")); the body is ""
    when none is named ("team general manager"). None for no title, or one that is not now
    held alone ("former coach", "deputy mayor")."""
    if not _ENDS_ON_OFFICE.search(text, max(0, start - 24), start):
        return None  # most names follow no title: one regex test
    words = text[max(0, start - 60):start].replace("-", " ").split()
    folded = [fold(w) for w in words]
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(folded[-n:]) in SINGLE_OFFICES:
            break
    else:
        return None
    office = " ".join(folded[-n:])
    if len(words) > n and folded[-n - 1] in _NOT_NOW:
        return None
    body: list[str] = []
    for w in reversed(words[:-n]):
        if not w[:1].isupper() or w[-1:] in ".,;:\u201d\"" or fold(w) in _GENERIC_BODY:
            break
        body.insert(0, w)
    return office, fold(" ".join(body))


def _words_of(name: str) -> set[str]:
    return {fold(w) for w in name.split()}


def _same_body(a: Fact, b: Fact) -> bool:
    """Both offices are of one named body: named alike, or named by one and mentioned by the
    other's article ("team general manager" in an article about Harbor FC)."""
    qa, qb = next(iter(a.mods), ""), next(iter(b.mods), "")
    if qa and qb:
        return qa == qb
    named = f" {qa or qb} "
    return named != "  " and any(named in f" {x} " for x in (b.actors if qa else a.actors))


def _surname(name: str) -> str:
    return fold(name.split()[-1]).replace(".", "") if name.split() else ""


def _person_id(name: str) -> str:
    """Given name and surname, folded: "Tomas J. Brell" and "Tomas Brell" are one person."""
    words = name.split()
    return f"{fold(words[0])} {fold(words[-1])}"


def names_may_match(a: Fact, b: Fact) -> bool:
    """Whether two different names, by their words alone, can be two accounts of one office or
    one person (the sentences around them must still show one happening: `claims_align`)."""
    if a.key[1] == "office":
        sa, sb = _surname(a.text), _surname(b.text)
        return _same_body(a, b) and sa != sb and sa not in b.actors and sb not in a.actors
    ta, tb = name_tokens(a.text), name_tokens(b.text)
    if ta[0] != tb[0] or ta[-1] == tb[-1] or min(len(ta[-1]), len(tb[-1])) < 3:
        return False
    return SequenceMatcher(None, ta[-1], tb[-1]).ratio() >= SURNAME_SPELLING
