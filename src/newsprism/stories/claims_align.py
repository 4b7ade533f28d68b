"""Alignment: whether two facts of a story speak of one thing at one happening.

Facts meet in one claim when they are `linked` (shared words and names, no two different years or
places); different values are read against each other only when `aligned`: framed alike (neither
is "other" members, a subset, a list part or background; the counted noun qualified alike; one
outcome), within a plausible ratio, and with enough evidence from their sentences. Dates align
when they date one event at one precision with a shared actor; street names when they may be one
street written two ways. When alignment is unsure there is no verdict.
"""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher

from newsprism.stories.claims_people import names_may_match
from newsprism.stories.claims_places import towns_may_differ
from newsprism.stories.claims_values import clash_outside, is_bound, name_tokens, same_value
from newsprism.stories.view_facts import Fact, lexicon
from newsprism.stories.view_text import jaccard

LINK = 0.1  # evidence (shared words, names) for showing two facts of one value side by side
ALIGN_OUTCOME = 0.12  # ... of a toll (deaths, injuries, people missing)
LARGE = 1000  # counts this large of one known class in one story rarely count two things
TOLL_RATIO = 10.0  # two counts further apart than this count two things (3 wounded, 3,000 wounded)
MAX_RATIO = 3.0  # ... when they are within this factor of each other
ALIGN = 0.2  # evidence for comparing two different values of a known class ("deaths")
ALIGN_HEAD = 0.3  # ... of a class named only by the noun after the number ("magazines")
STATEMENT_OVERLAP = 0.3  # content words two statements must share to be the same statement
OUTCOMES = {"deaths", "injuries"}
MEASURES = {"money", "distance"}  # amounts whose scale a misread word changes a thousandfold
GENERIC_WORDS = {"people", "person"}  # "120,000 people" may be anyone: a population, a crowd
GENERIC = {"people"}  # counts of people: a crowd, a population, refugees... large is no evidence
CHANGING_PREDICATES = {"injured", "arrested", "missing", "displaced", "affected"}
MAGNITUDE_GAP = 1.0  # magnitudes this far apart are two quakes (a swarm, an aftershock)
SPELLING = 0.75  # two street names this close in spelling may be one street written two ways

_OUTCOME_VERBS = frozenset(lexicon().predicates.values())


# ---------------------------------------------------------------- evidence and alignment


def _known(f: Fact) -> bool:
    """Whether what the figure counts comes from the lexicon (not just the noun after it)."""
    return f.key[1].split(":")[0].split("/")[0] in _classes()


_CLASSES: set[str] = set()


def _classes() -> set[str]:
    if not _CLASSES:
        _CLASSES.update(lexicon().objects.values())
        _CLASSES.update({"deaths", "injuries", "distance"})  # money: what it pays for is unnamed
    return _CLASSES


def _of_person(f: Fact) -> bool:
    return f.key[1].startswith("age:")


def evidence(a: Fact, b: Fact) -> float:
    """How much two facts' sentences show one happening: shared content words (Jaccard), plus
    0.1 for each shared name (at most two) and 0.1 when both place the figure in one place."""
    same_place = 0.1 if a.place and a.place == b.place else 0.0
    return jaccard(a.words, b.words) + 0.1 * min(2, len(a.names & b.names)) + same_place


def _compatible_frames(a: Fact, b: Fact) -> bool:
    """Nothing in the frames says two facts are about different things: places, years."""
    if a.place and b.place and a.place != b.place:
        return False
    return not (a.years and b.years and not a.years & b.years)


def _other_people(a: Fact, b: Fact) -> bool:
    """Both sentences are about named people (not the ones who claim the figure) and share none:
    "Buckley fell 600 metres" and "Rait fell 60 metres" are two falls."""
    pa = a.persons - {a.claimant}
    pb = b.persons - {b.claimant}
    return bool(pa and pb and not pa & pb)


def linked(a: Fact, b: Fact) -> bool:
    """Evidence enough to put two facts in one claim (a verdict needs more: `aligned`)."""
    if not _compatible_frames(a, b):
        return False
    if _of_person(a):
        return True  # the age of one named person
    if same_value(a, b):
        return evidence(a, b) >= LINK or (a.kind == "figure" and _known(a) and a.number >= 10)
    return aligned(a, b) or (a.cue == "past" or b.cue == "past") and evidence(a, b) >= LINK


def aligned(a: Fact, b: Fact) -> bool:
    """Two figures framed alike, with evidence they count one thing at one happening: only then
    can different values be a contradiction or an update."""
    if _of_person(a):
        return True  # one named person's age: the person is the frame
    if a.marker or b.marker or a.background or b.background or a.mods != b.mods:
        return False  # other members, a subset, a list part, a change, a conversion; history
    if a.key[1] == "distance" and (not a.mods or a.mods != b.mods):
        return False  # "14 miles north of X" and "a depth of 6 miles": say from where, or no verdict
    if a.verb != b.verb and {a.verb, b.verb} & _OUTCOME_VERBS:
        return False  # "killed 3" and "wounded 3,000": two outcomes, not two estimates of one
    if not _compatible_frames(a, b) or _other_people(a, b):
        return False
    low, high = sorted((a.number, b.number))
    if a.key[1] == "magnitude" and high - low >= MAGNITUDE_GAP:
        return False  # agencies differ by tenths on one quake: a whole unit apart is another quake
    if high > TOLL_RATIO * max(low, 1e-9):
        return False  # 3 wounded in one strike is not the 3,000 of a whole war
    if a.key[1] in OUTCOMES or a.key[3] in CHANGING_PREDICATES:
        need = ALIGN_OUTCOME
    elif a.key[1] in MEASURES and high > MAX_RATIO * max(low, 1e-9):
        return False  # "$334" and "$334 million", "2 miles" and "20 miles": not one amount
    elif _known(a) and a.key[1] not in GENERIC and low >= LARGE and high <= MAX_RATIO * low:
        need = ALIGN_OUTCOME  # a toll, or a large count of one known thing, is itself evidence
    else:
        generic = a.head in GENERIC_WORDS or b.head in GENERIC_WORDS
        need = ALIGN_HEAD if not _known(a) or low < 2 or generic else ALIGN
    if is_bound(a) != is_bound(b) and high > MAX_RATIO * max(low, 1e-9) and not clash_outside(a, b):
        return False  # "more than 3,000 employees" is not a loose estimate of 15,000
    return evidence(a, b) >= need


def date_linked(a: Fact, b: Fact) -> bool:
    """Dates of one event: the same statement (one speaker, shared wording) or the same event and
    phase with a shared person or organisation and shared words. Two deliveries on different days
    are two deliveries; every meeting of a crisis happens "in Moscow" (places are no evidence)."""
    if a.key[1] == "statement":
        return jaccard(a.words, b.words) >= STATEMENT_OVERLAP
    if same_value(a, b):
        return True  # one event and phase on one day: the key already says which event
    return date_aligned(a, b)


def date_aligned(a: Fact, b: Fact) -> bool:
    """Two date mentions that can contradict: one event, one precision, one person or org."""
    if a.background or b.background or _precision(a) != _precision(b):
        return False
    if (a.marker == "edge" or b.marker == "edge") and _adjacent(a, b):
        return False  # "Friday night" and "early Saturday" may be one night
    if a.key[1] == "statement":
        return jaccard(a.words, b.words) >= STATEMENT_OVERLAP
    return same_actor(a, b) and jaccard(a.words, b.words) >= ALIGN


def same_actor(a: Fact, b: Fact) -> bool:
    """Both sentences name one person or organisation: the same name, or a person's given name
    (its initial) and surname alike ("Anika Dorn" and "Anika J. Dorn"; not "Tomas Dorn")."""
    if a.actors & b.actors:
        return True
    return bool(_person_ids(a.actors) & _person_ids(b.actors))


def _person_ids(names: frozenset[str]) -> set[tuple[str, str]]:
    out = set()
    for n in names:
        toks = name_tokens(n)
        if len(toks) >= 2 and toks[0] and toks[-1]:
            out.add((toks[0][:1], toks[-1]))
    return out


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _adjacent(a: Fact, b: Fact) -> bool:
    """Whether two dates are consecutive days (by ISO date, else by weekday)."""
    if a.date and b.date and len(a.date) >= 10 and len(b.date) >= 10:
        try:
            gap = date.fromisoformat(a.date[:10]) - date.fromisoformat(b.date[:10])
        except ValueError:
            return False
        return abs(gap.days) == 1
    if a.weekday and b.weekday and a.weekday.lower() in _WEEKDAYS and b.weekday.lower() in _WEEKDAYS:
        diff = (_WEEKDAYS.index(a.weekday.lower()) - _WEEKDAYS.index(b.weekday.lower())) % 7
        return diff in (1, 6)
    return False



def place_aligned(a: Fact, b: Fact) -> bool:
    """Two street names that may be one street: the same name, or a close spelling of it, with the
    same kind ("Alder Street" / "Alden Street") in sentences about one happening. Two home towns
    of one person (given name and surname: the key) are framed by the person; two towns of one
    event are compared as `claims_places` says."""
    if a.key[1] == "home":
        return a.key == b.key
    if a.key[1] == "event":
        if same_value(a, b):
            return evidence(a, b) >= LINK
        return towns_may_differ(a, b) and evidence(a, b) >= ALIGN
    if same_value(a, b):
        return evidence(a, b) >= LINK
    na, _, ka = a.text.rpartition(" ")
    nb, _, kb = b.text.rpartition(" ")
    close = SequenceMatcher(None, na.lower(), nb.lower()).ratio() >= SPELLING
    return close and ka == kb and evidence(a, b) >= ALIGN


def name_linked(a: Fact, b: Fact) -> bool:
    """Two different names of one office or one person (see `claims_people`): the names may match
    and the sentences share words."""
    return names_may_match(a, b) and evidence(a, b) >= ALIGN


def comparable(a: Fact, b: Fact) -> bool:
    """Whether two facts of one claim, from two articles, can be read against each other."""
    if a.kind == "figure":
        return aligned(a, b)
    if a.kind == "place":
        return place_aligned(a, b)
    if a.kind == "name":
        return not same_value(a, b) and name_linked(a, b)
    return date_aligned(a, b)


def _precision(f: Fact) -> str:
    if f.date and len(f.date) >= 10:
        return "day" if not f.weekday else "weekday"
    if f.weekday:
        return "weekday"
    return "week" if f.date and "W" in f.date else ("month" if f.date and len(f.date) == 7 else "year")
