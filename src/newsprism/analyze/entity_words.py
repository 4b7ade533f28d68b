"""Word lists and the candidate record of the entities step (one home for each lexicon of words).

Org and place heads ("Ministry", "Inc", "River"), outlet names, stop words, role abbreviations and
`Candidate`, the name piece every entity rule reads and types. `is_outlet` tells a news outlet's
name ("the Daily Courier"), which is an organisation and never a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsprism.analyze.entity_roles import role_vocab

CONN = r"(?:of|of the|for|for the|and|&|in|on|de|du|da|das|dos|van|von|der|den|al|bin|ibn|la|le|del|di|y|upon)"
_LOWER = re.compile(r"\b[a-z][a-z\-]+")

CONNECTORS = frozenset(CONN.replace("(?:", "").replace(")", "").split("|"))
JOINERS = frozenset({"of", "of the", "for", "for the", "on", "&", "de", "du", "da", "das", "dos", "van", "von",
                      "der", "den", "al", "bin", "ibn", "la", "le", "del", "di", "y", "upon"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP = _words("""the a an this that these those he she it they we i you his her its their our my your
    but and or so yet however meanwhile in on at for after before while when if as with by from also
    some many most several one two three no not what who why how where there here then now still
    even though although because since until unless despite during under over about according
    all any each every both either neither other another such only just more less few much very
    is are was were be been has have had will would can could may might must should do does did
    mr mrs ms dr sir yes oh thus hence instead later earlier today tomorrow yesterday tonight
    last next first second third new old top senior local""")
SKIP = _words("""monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i western eastern northern southern
    european african asian arab muslim christian jewish islamic catholic orthodox communist soviet
    latin nordic baltic balkan slavic sunni shia shiite kurdish jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue wed thu fri sat sun god internet covid christmas easter thanksgiving ramadan
    hanukkah diwali halloween""")
# legal forms of companies: they end a company's name ('Vellor Corp of Tarvin' is a company and a place)
LEGAL_FORMS = frozenset(["inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc", "sa", "s.a.", "ag",
                         "gmbh", "nv", "n.v.", "limited", "incorporated", "bhd", "pty", "spa"])
# industry words that end a company's name ("Brannock Pharmaceuticals") but, alone, are plain nouns
# ("Pictures on television showed"): a name needs another word before them
COMPANY_HEADS = _words("""financial investments ventures enterprises resources chemicals pharmaceuticals
    laboratories electronics communications telecommunications telecom airline petroleum logistics
    shipping brands foods stores films pictures studios productions records entertainment distribution
    distributors""")
# last words of organisations' names: kinds of body, legal forms of companies (Inc, SA, AG, GmbH),
# industry heads ("... Pharmaceuticals"), outlets, clubs ("... United", "... Rovers")
ORG_SUFFIX = _words("""ministry council party inc inc. corp corp. corporation committee agency university
    bank group association union federation organisation organization institute commission court
    army navy forces fleet police service services department office league front movement
    foundation company co co. ltd ltd. llc plc airlines airways times news post journal club
    assembly parliament government administration authority bureau board fund trust exchange
    motors industries holdings systems technologies securities capital partners insurance network
    television radio press herald guardian telegraph tribune gazette mail magazine congress senate cabinet
    guard brigade battalion regiment division corps staff fc rovers wanderers athletic academy
    school college hospital church alliance coalition consortium centre center reserve bloc treasury
    limited incorporated bancorp sa s.a. ag a.g. ab spa s.p.a. nv n.v. bv gmbh asa oyj pty bhd tbk
    srl llp united rangers""") | COMPANY_HEADS
# words opening an organisation's name: abbreviations of sports clubs ("FC Tarvin", "SV Ostheim")
CLUB_PREFIX = _words("fc ac sc sk sv cf fk nk cd afc vfb vfl tsv air")  # and airlines ("Air Canada")
ORG_PREFIX = _words("""ministry university bank department office council institute commission court
    house federation league association academy school college church museum""")
PLACE_SUFFIX = _words("""sea ocean river mountains mountain island islands peninsula gulf bay strait
    straits valley desert canal coast region province oblast county district krai republic
    square airport bridge highway lake hills plain basin street avenue road boulevard park heights
    st. st drive lane parade quay fields tower towers hotel inn theatre theater prison side delta falls
    forest beach harbour harbor wharf pier garden gardens plaza stadium arena palace castle memorial
    monument cemetery mosque cathedral temple synagogue shrine basilica abbey""")
ROLE_ABBREVS = {"gen": "General", "sen": "Senator", "rep": "Representative", "gov": "Governor",
                "lt": "Lieutenant", "col": "Colonel", "adm": "Admiral", "capt": "Captain",
                "sgt": "Sergeant", "prof": "Professor", "maj": "Major", "cmdr": "Commander",
                "brig": "Brigadier", "pres": "President", "supt": "Superintendent", "insp": "Inspector",
                "dist": "District", "atty": "Attorney", "det": "Detective", "sgt.maj": "Sergeant Major",
                "cpl": "Corporal", "pvt": "Private", "lt.gen": "Lieutenant General", "asst": "Assistant",
                "const": "Constable", "cmdr.": "Commander", "supt.": "Superintendent"}
DATE_WORDS = _words("""monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december""")
NOT_ORG_ACRONYMS = _words("""gmt gdp gnp aids hiv ceo tv pm am mp est utc id dna fm cd dvd cpi vat ok usd eur
    edt pst pdt cst cdt mst mdt bst cet cest ist jst aest wwi wwii gi
    gbp jpy era rbi no vs st jr sr ii iii iv vi""")
EVENT_WORDS = _words("""cup series tour open championship championships games prix classic day revolution
    war award awards prize olympics festival trophy grand slam week summit conference treaty accord
    agreement act bill plan index pact breakfast lunch dinner forum debate rally convention caucus
    hearing meeting talks""")
PLACE_PREFIX = _words("lake mount mt. cape gulf port fort isle san santa saint st.")
# news outlets: the last word of a paper's or broadcaster's name, and agencies and outlets known by
# one word; an outlet is an organisation and never the speaker of what it reports
OUTLET_HEADS = _words("""times post journal news herald tribune gazette telegraph guardian courier chronicle
    observer inquirer examiner bulletin dispatch sentinel standard independent mirror express monitor
    magazine weekly daily star sun record register review press television radio tv network ledger beacon
    globe mercury enquirer reporter advocate echo argus clarion""")
OUTLET_NAMES = _words("""reuters bloomberg politico axios interfax xinhua tass ria afp ap cnn bbc npr msnbc
    cnbc nbc cbs abc fox pbs newsweek forbes slate vox breitbart buzzfeed yonhap kyodo anadolu
    al-jazeera aljazeera sputnik itar-tass""")
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "enko", "sky", "ski", "skiy", "skyy", "vich", "ovic",
                   "evic", "son", "sen", "ez", "berg", "stein", "ini", "elli", "escu", "opoulos", "yan",
                   "ian", "shvili", "dze", "uk", "yuk", "chuk", "man", "mann", "ko")


@dataclass(slots=True)
class Candidate:
    """A name piece: its span, type guess, role and country read around it."""

    start: int
    end: int
    name: str
    type: str = "OTHER"  # PERSON, ORG, PLACE, OTHER, SKIP
    canonical: str = ""
    role: str | None = None
    country: str | None = None
    is_country: bool = False
    known: bool = False  # typed by a lexicon
    weak: bool = False  # a guess that a surname match may overrule
    role_start: int = 0  # where a title prefix starts (a country may stand before it)
    initial: bool = False  # a single unknown word opening a sentence: kept only if it is a surname
    team: bool = False  # a place name used for its sports team
    gender: str | None = None  # from an honorific (Mr., Mrs., Ms.)
    person: Any = None


_OUTLETS_WITH_ARTICLES = frozenset(["le monde", "le figaro", "le parisien", "der spiegel", "die zeit", "die welt",
                                     "el pais", "el país", "el mundo", "la repubblica", "la stampa", "le temps"])


def is_outlet(name: str) -> bool:
    """A news outlet's name: 'Reuters', 'the Daily Courier', 'Fox News', 'The Weekly Standard'."""
    if name.lower() in _OUTLETS_WITH_ARTICLES:
        return True  # written with a foreign article, like a name with a particle
    words = name.lower().replace("the ", " ").split()
    if not words:
        return False
    if len(words) == 1:
        return words[0] in OUTLET_NAMES or words[0] in OUTLET_HEADS and words[0] not in _NOT_ALONE
    return words[-1] in OUTLET_HEADS and words[-1] not in _NOT_LAST or words[0] in OUTLET_NAMES or \
        words[0] in ("daily", "weekly", "sunday")  # 'the Daily Beacon', 'Sunday Argus'


_NOT_ALONE = frozenset(["press", "record", "review", "network", "news", "star", "sun", "standard", "express",
                        "globe", "echo", "reporter", "advocate", "beacon", "ledger", "mercury", "argus"])
_NOT_LAST = frozenset(["record", "review", "network"])


_URL = re.compile(r"(?:https?:|www\.)[^\n]*")


def lower_words(text: str) -> frozenset[str]:
    """Words written in lower case somewhere in the text (document statistic); web addresses
    aside ('.../polygamist-leader-jeffs/...' says nothing about how the text writes a name)."""
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return frozenset(_LOWER.findall(text))


ORG_WORDS = ORG_PREFIX | (ORG_SUFFIX - COMPANY_HEADS)  # heads an "of" may follow; built once
ORG_OR_EVENT = ORG_SUFFIX | EVENT_WORDS
PERIOD_ABBREVS = frozenset(ROLE_ABBREVS) | {"co", "corp", "inc", "ltd", "jr", "sr", "st", "mt", "ft",
                                             "messrs", "mr", "mrs", "ms", "dr", "no"}
PARTICLES = frozenset({"de", "da", "das", "dos", "van", "von", "der", "den", "del", "di", "bin", "ibn", "le", "la"})
ADJECTIVE_ENDINGS = ("ed", "ing", "al", "ic", "ive", "ary", "ern", "ese")


@lru_cache(maxsize=1)
def joining_heads() -> frozenset[str]:
    """Words a joining 'of'/'for' may follow ('Ministry of', 'Minister for', 'Gulf of')."""
    return ORG_WORDS | PLACE_SUFFIX | role_vocab()
