"""Organisations (and places) told by the words around a name, for the entities step.

A name whose own words say nothing ("Vellor", "the Kestrels", a city) is an organisation when the
sentence treats it as one: a kind of organisation written before it ("the packaging firm Vellor",
"first division side Carrow"), an organisation's people or papers after it ("Vellor spokesman",
"Vellor shares", "Carrow coach"), a company's business ("shares of Vellor", "Vellor said in a
statement"), a sports result ("the Kestrels beat the Marlins 3-1", "Carrow 2 Dunmore 1", a league
table row). A place name reads as its team only in sports contexts; a country stays a place (its
national side is named by the country). One sense per article: a name shown to be an organisation
once is one everywhere in the article, unless it is the surname of a person named in full.
"""

from __future__ import annotations

import re

from newsprism.analyze import gazetteer as gz
from newsprism.analyze.entity_words import LEGAL_FORMS, Candidate


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# kinds of organisation written just before a name: "the telecoms group Vellor"
_KIND_BEFORE = _words("""company companies firm group maker manufacturer producer retailer chain carrier
    airline insurer lender bank broker brokerage conglomerate operator distributor supplier developer
    publisher broadcaster newspaper daily weekly magazine agency club team side outfit party union charity
    watchdog regulator subsidiary unit rival rivals champions holders opponents shipyard brewer carmaker
    automaker miner refiner""")
# an organisation's people, parts or papers just after a name: "Vellor spokesman", "Vellor shares"
_ORG_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \t]+(?:spokesman|spokeswoman|spokesperson|spokesmen|chairman|chairwoman|"
    r"chief executive|chief|ceo|executives?|directors|board|shareholders|shares|stock|bonds|"
    r"subsidiary|unit|plant|factory|headquarters|newspaper|daily|"
    r"weekly|news agency|agency|group|union|coach|manager|captain|skipper|striker|midfielder|defender|goalkeeper|keeper|"
    r"forward|winger|playmaker|batsman|bowler|all-rounder|pitcher|quarterback|fans|supporters|"
    r"owner|side|squad|bank|firm|company|airline|carrier|insurer|chain|"
    r"(?<=['\u2019]s )(?:output|profits?|revenues?|sales|earnings|shares|board|stake|products|customers))\b")
# of those, the ones that make a place name its team ("Carrow coach"; "Ohio officials" stay a place)
_TEAM_AFTER_PLACE = re.compile(
    r"(?:['\u2019]s)?[ \t]+(?:coach|manager|captain|skipper|striker|midfielder|defender|goalkeeper|"
    r"keeper|forward|winger|playmaker|batsman|bowler|all-rounder|pitcher|quarterback|fans|"
    r"supporters|squad)\b")
# a company's business or a player's club just before its name ('the' may come between)
_BUSINESS_BEFORE = frozenset(["shares of", "shares in", "stake in", "shareholders of", "shareholders in",
                              "subsidiary of", "takeover of", "merger with", "acquisition of", "chairman of",
                              "executive of", "spokesman for", "spokeswoman for", "spokesperson for"])
_CLUB_BEFORE = frozenset(["played for", "plays for", "signed for", "signed with"])
_STATEMENT_AFTER = re.compile(
    r"[ \t]+(?:said|says) in (?:a|its) statement|[ \t]+(?:posted|reported|announced|forecast) (?:a |an |its )?"
    r"(?:\w+ ){0,2}(?:profits?|loss|losses|earnings|revenues?|sales|results)\b")

_UNIT = (r"(?![ \t]*(?:%|percent|per cent|km|kilomet|mi\b|miles|m\b|metres|meters|feet|ft\b|kg|"
         r"tons|tonnes|people|persons|years|days|hours|minutes|seconds|dead|killed|injured|more|of\b))")
_TEAM_AFTER = re.compile(r"[ \t]+(?:\d{1,3}\b(?![.,:]\d)" + _UNIT + r"|beat\b|beats\b|drew\b|v\b|vs\b|defeated\b|"
                         r"edged\b|routed\b|thrashed\b|lost to\b|blanked\b|crushed\b|downed\b|"
                         r"outplayed\b|overcame\b|rallied\b|\d{1,3}-\d{1,3}\b)")
_TEAM_VERB_AFTER = re.compile(r"[ \t]+(?:beat|beats|drew|defeated|edged|routed|thrashed|lost to|blanked|crushed|"
                              r"downed|outplayed|overcame|rallied|\d{1,3}-\d{1,3})\b")
_TEAM_BEFORE = _words("beat beating v vs vs. defeated defeating edged routed thrashed blanked crushed downed")
_TEAM_BEFORE_2 = frozenset(["drew with", "lost to", "losing to", "victory over", "win over", "draw with",
                            "defeat to", "defeat by", "loss to"])
_SCORE = re.compile(r"\d{1,3}-\d{1,3}")
_LOCATIVE = _words("in at from to near outside into")
_LOCATIVE_OF = _words("mayor governor people city town streets residents outskirts centre center")
_INSTITUTIONS = _words("""treasury senate congress parliament cabinet army navy police government
    administration ministry council commission committee court party league assembly federation alliance
    coalition university""")
# last words that make a place's name a club's in a sports result ("Carrow City 2", "lost to Carrow Town")
_CLUB_HEADS = frozenset({"city", "town", "county"})
# nations of a union state that field national sides: their side is named by the nation, a place
_HOME_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})
_ADJECTIVE_ENDINGS = ("ist", "ic", "ian", "ese", "ish", "ite", "al", "ed", "ing")

_RESULT_LINE = re.compile(r"[ \t]*[A-Z][\w.' -]*?(?:[ \t]*\([\w .']{1,12}\))?[ \t]+\d{1,3}[ \t]+"
                          r"[A-Z][\w.' -]*?(?:[ \t]*\([\w .']{1,12}\))?[ \t]+\d{1,3}[ \t]*(?:\(|$)", re.MULTILINE)
# a league table row: a name (perhaps with a short qualifier) and five or more figures, nothing else
_TABLE_ROW = re.compile(r"[ \t]*(?:\d{1,2}\.[ \t]+)?[A-Z][\w.' -]*?(?:[ \t]*\([\w .']{1,12}\))?"
                        r"(?:[ \t]+(?:\d{1,3}(?:\.\d+)?|\.\d{3}|-|\d+/\d+)){5,}[ \t]*$", re.MULTILINE)


def _before(text: str, start: int) -> list[str]:
    """The last words (lower case) written just before `start`, at most four; none when the
    name does not follow a space ('"Vellor', '(Vellor')."""
    if start == 0 or text[start - 1] not in " \t":
        return []
    return text[max(0, start - 40):start].lower().split()[-4:]


def _pair(words: list[str], skip_the: bool = False) -> str:
    if skip_the and words and words[-1] == "the":
        words = words[:-1]
    return " ".join(words[-2:])


def _team_before(words: list[str]) -> bool:
    """'beat (the) X', 'lost to (the) X', 'lost 2-0 to (the) X'."""
    if words and words[-1] == "the":
        words = words[:-1]
    if not words:
        return False
    if words[-1] in _TEAM_BEFORE or _pair(words) in _TEAM_BEFORE_2:
        return True
    return len(words) >= 3 and words[-1] == "to" and bool(_SCORE.fullmatch(words[-2])) and \
        words[-3] in ("lost", "losing", "fell")


def _locative(words: list[str]) -> bool:
    """'in X', 'at X', 'mayor of X': the place, not its team."""
    return bool(words) and (words[-1] in _LOCATIVE or (words[-1] == "of" and len(words) > 1 and
                                                        words[-2] in _LOCATIVE_OF))


def team_context(text: str, start: int, end: int) -> bool:
    """A name in a sports result: 'Chicago 5 Boston 3', 'Leeds beat Everton', 'lost to the Hawks'."""
    return bool(_TEAM_AFTER.match(text, end)) or _team_before(_before(text, start))


def _line(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, b if b >= 0 else len(text)


def result_line(text: str, pos: int, cache: dict[int, bool] | None = None) -> bool:
    """True inside a short sports result line ('Stranraer 2 Dumbarton 1') or, for a name opening
    the line, a league table row; `cache` keeps the answer per line start."""
    a, b = _line(text, pos)
    if b - a > 200:
        return False  # result lines are short; this also keeps long lines linear
    found = cache.get(a) if cache is not None else None
    if found is None:
        found = bool(_RESULT_LINE.match(text, a))
        if cache is not None:
            cache[a] = found
    return found or (pos - a < 8 and bool(_TABLE_ROW.match(text, a)))


_INITIALS = re.compile(r"(?:[A-Z]\.[ \t]?)+[A-Z]")  # 'A.J. Brant', 'A. J. Brant': a person's initials


def _eligible(c: Candidate, surnames: set[str]) -> bool:
    """A name whose typing rests on no evidence of its own: untyped, a guessed single-word
    person, or a city or region (weak); never a country, a titled or honoured person, a name
    with a given name in it, a lexicon organisation or the surname of someone named in full."""
    if c.type == "OTHER":  # not "Economist Joel Marr of Tarvin": a title opens a person's name
        words = c.name.split()
        return c.name not in surnames and not _INITIALS.match(c.name) and (len(words) == 1 or (
            words[0].lower() not in gz.roles().heads and not any(w in gz.given_names() for w in words)))
    if c.type == "PERSON":
        words = c.name.split()
        return not (c.known or c.role or c.gender or c.name in surnames or words[-1] in surnames or _INITIALS.match(c.name)
                    or (len(words) > 1 and any(w in gz.given_names() for w in words)))
    return c.type == "PLACE" and not c.is_country and c.canonical not in _HOME_NATIONS


def _evidence(text: str, c: Candidate, lines: dict[int, bool]) -> str | None:
    """'team', 'org' or None: what the words around the candidate say it is."""
    if result_line(text, c.start, lines):
        return "team"
    place = c.type == "PLACE"
    before = _before(text, c.start)
    if before and before[-1] in gz.roles().heads:
        return None  # 'general manager X said in a statement': a person's title before the name
    if place and _locative(before):
        return None  # "in Salzburg 3-2", "at Chicago": where the match was played
    the = (bool(before) and before[-1] == "the") or (" " in c.name and c.name.rsplit(" ", 1)[1].lower() in _CLUB_HEADS)
    if (place and team_context(text, c.start, c.end)) or (the and (
            _TEAM_VERB_AFTER.match(text, c.end) or _team_before(before))):
        return "team"  # "the Kestrels beat ...": with 'the', a number after is no score ("the Ekon 5")
    club = _pair(before, skip_the=True) in _CLUB_BEFORE
    if place and c.canonical == c.name:  # a city spelled otherwise ("Vellor" ~ Vellore) was a guess
        return "team" if club or _TEAM_AFTER_PLACE.match(text, c.end) else None
    if before and before[-1] == "the" and c.name.lower() in _INSTITUTIONS:
        return "org"  # "the Treasury", "the Senate": the country's own, named by its kind
    adjective = " " not in c.name and c.name.lower().endswith(_ADJECTIVE_ENDINGS)
    if not adjective and ((before and before[-1] in _KIND_BEFORE) or _ORG_AFTER.match(text, c.end)):
        return "org"  # not "the Islamist group", "Maoist rebels"
    if club or _pair(before, skip_the=True) in _BUSINESS_BEFORE or _STATEMENT_AFTER.match(text, c.end):
        return "org"
    return None


def org_evidence(text: str, cands: list[Candidate]) -> None:
    """Retype as organisations the names their context shows to be ones, then every other
    mention of those names in the article (one sense per article), except where a locative
    ("in Carrow", "mayor of Carrow") makes that mention the place."""
    surnames = {c.name.split()[-1] for c in cands if c.type == "PERSON" and " " in c.name and
                (c.known or c.name.split()[0] in gz.given_names())}
    found: dict[str, str] = {c.name: "team" for c in cands if c.team}
    own: dict[int, str] = {}
    lines: dict[int, bool] = {}
    for i, c in enumerate(cands):
        if _eligible(c, surnames) and (kind := _evidence(text, c, lines)) is not None:
            found.setdefault(c.name, kind)
            own[i] = kind
    if not found:
        return
    for i, c in enumerate(cands):
        kind = own.get(i)
        if kind is None:
            kind = found.get(c.name)
            if kind is None or not _eligible(c, surnames) or _locative(_before(text, c.start)):
                continue
            if c.type == "PLACE" and kind == "org" and c.canonical == c.name:
                continue  # a company's name is no reason to retype a city spelled that way
        c.type, c.canonical, c.country, c.weak, c.initial = "ORG", c.name, None, False, False
        c.team = kind == "team"


_GENERIC_FIRST = frozenset(str.split("""national federal united american european international royal
    state general central new first great north south east west northern southern eastern western
    democratic republican people social world global air"""))


def org_short_names(text: str, cands: list[Candidate]) -> None:
    """A single word that opens an organisation named in full elsewhere in the article is that
    organisation ('Samsung' after 'Samsung Electronics'), and so is the head of the one named
    institution ('the Navy' after 'the Tarvin Navy'), unless a locative makes it a place."""
    firsts: dict[str, Candidate] = {}
    heads: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.type == "ORG" and " " in c.name:
            first, last = c.name.split(" ", 1)[0], c.name.rsplit(" ", 1)[1]
            if first.lower() not in _GENERIC_FIRST and not gz.demonym_country(first) and first[0].isupper():
                firsts.setdefault(first, c)
            if last.lower() in _INSTITUTIONS and not any(o.canonical == c.canonical for o in heads.get(last, [])):
                heads.setdefault(last, []).append(c)
    for last, orgs in heads.items():  # "the Navy" after "the Tarvin Navy", when only one navy is named
        if len(orgs) == 1 and last not in firsts:
            firsts[last] = orgs[0]
    if not firsts:
        return
    for c in cands:
        untyped = c.type == "OTHER" and c.weak and c.person is None
        if c.name in firsts and (untyped or (c.type == "ORG" and not c.known)) and \
                not _locative(_before(text, c.start)):
            org = firsts[c.name]
            c.type, c.canonical, c.country, c.initial = "ORG", org.canonical or org.name, org.country, False


_OPEN_PAREN = re.compile(r"[ \t]*\([ \t]*$")
_CLOSE_PAREN = re.compile(r"[ \t]*\)")


def _acronym(name: str) -> bool:
    return 2 <= len(name) <= 7 and " " not in name and name.replace(".", "").replace("-", "").isupper()


def acronyms(text: str, cands: list[Candidate]) -> None:
    """An acronym in brackets beside an organisation's full name is that organisation, and the
    other way round: 'the Tarvin Port Authority (TPA)', 'the TPA (Tarvin Port Authority)'."""
    for a, b in zip(cands, cands[1:], strict=False):
        if not (_OPEN_PAREN.fullmatch(text, a.end, b.start) and _CLOSE_PAREN.match(text, b.end)):
            continue
        short, full = (b, a) if _acronym(b.name) else (a, b) if _acronym(a.name) else (None, None)
        if short is None or full is None or short.person is not None or full.person is not None:
            continue
        if full.type == "ORG" and short.type in ("OTHER", "ORG", "PLACE", "PERSON") and not short.known:
            short.type, short.canonical, short.country = "ORG", short.name, full.country
            short.weak = short.initial = False
        elif short.type == "ORG" and not short.weak and full.type == "OTHER" and " " in full.name:
            full.type, full.weak = "ORG", False


# a ship's prefix ("INS", "HMS", "MV") or a kind of vessel just before a name makes it a vessel's
_SHIP_PREFIXES = _words("ins uss usns hms hmas hmcs hmnzs rfs mv ms ss rms fs roks js pns nrp tcg kri bns")
_VESSEL_BEFORE = _words("""frigate warship destroyer submarine cruiser corvette tanker freighter trawler ship
    vessel yacht ferry liner supertanker dhow tug gunboat""")


def vessels(text: str, cands: list[Candidate]) -> None:
    """Ships are named things, not people or organisations: 'INS Tavrik', 'the frigate Ostra',
    'the aircraft carrier Carl Vinson' (OTHER, so never a speaker)."""
    for c in cands:
        if c.type == "OTHER" or c.known and c.type != "PERSON" or c.role:
            continue
        first = c.name.split(" ", 1)[0].lower().rstrip(".")
        before = _before(text, c.start)
        vessel = bool(before) and (before[-1] in _VESSEL_BEFORE or _pair(before) == "aircraft carrier")
        if vessel or (" " in c.name and first in _SHIP_PREFIXES):
            c.type, c.country, c.weak, c.initial, c.team = "OTHER", None, False, False, False


# a kind of place just after a name ("the Pamir mountains") or before it with 'of' ("the town of X")
_PLACE_AFTER = re.compile(r"[ \t]+(?:mountains|river|island|islands|valley|province|region|district|desert|"
                          r"peninsula|prefecture|governorate|village|villages|oblast|county)\b")
_PLACE_OF = _words("""province town city village region district county state island capital suburb port
    municipality governorate prefecture oblast outskirts""")


def place_evidence(text: str, cands: list[Candidate]) -> None:
    """An untyped name, or a guessed single-word person, that the words around it show to be a
    place: 'the Pamir mountains', 'the eastern province of Hubar', 'the town of Tacolo', 'Vellor
    Corp of Tacolo'."""
    surnames = {c.name.split()[-1] for c in cands if c.type == "PERSON" and " " in c.name}
    for c in cands:
        if c.type not in ("OTHER", "PERSON") or c.known or c.role or c.gender or c.name in surnames:
            continue
        if c.type == "PERSON" and (" " in c.name or c.name in gz.given_names()):
            continue
        before = _before(text, c.start)
        adjective = c.name.lower().endswith(("ean", "ian", "ese", "ish", "ic", "i"))  # "the Crimean peninsula"
        if (len(before) > 1 and before[-1] == "of" and (before[-2] in _PLACE_OF or before[-2] in LEGAL_FORMS)) or (
                not adjective and _PLACE_AFTER.match(text, c.end)):
            c.type, c.weak, c.initial = "PLACE", False, False
