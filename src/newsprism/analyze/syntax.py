"""Dependency parses of single sentences, from newsprism's own compact model, and the few
questions the quote and event steps ask of them: who is the subject and the object of a verb,
is the verb negated, modal, passive or inside an `if` clause.

The model (a spaCy tagger + parser trained by scripts/train_syntax.py on GUM and UD English EWT,
Universal Dependencies labels, Penn Treebank tags) ships inside the package under
`newsprism/data/models/syntax/`. It is loaded on the first `parse()` call; `spacy` is imported
then too, so a process that never parses never pays for it. Nothing is ever downloaded.

    >>> from newsprism.analyze.syntax import parse, subject_of, object_of
    >>> p = parse(["The harbour board fined the ferry company on Friday."])[0]
    >>> verb = p.root
    >>> p.tokens[subject_of(p, verb)].text, p.tokens[object_of(p, verb)].text
    ('board', 'company')

Every index here is a token index inside one `Parse`; every character offset is relative to the
sentence string that was passed in.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from newsprism.errors import ModelError

log = logging.getLogger(__name__)

MAX_CHARS = 2000  # a longer "sentence" is parsed on its first MAX_CHARS characters (see Parse.truncated)
BATCH = 64
MAX_STRINGS = 300_000  # reload the model when its string store grows past this (see _reset)
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"})
CLAUSE_DEPS = frozenset({"root", "ccomp", "xcomp", "advcl", "acl", "acl:relcl", "csubj",
                         "csubj:pass", "parataxis", "advcl:relcl"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nt"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_PREP_VERB = ("obl", "obl:agent", "advcl", "nmod", "obl:npmod", "xcomp", "ccomp")
_PREP_OBJ = ("nmod", "acl", "acl:relcl")
_CORE_DEPS = frozenset({"det", "amod", "compound", "flat", "flat:name", "fixed", "nummod", "nmod:poss",
                        "det:poss", "det:predet", "nmod:desc"})
_CLOSERS = frozenset({",", "''", ":", "-LRB-", "-RRB-", "HYPH", "NFP"})
_REQUIRED = ("config.cfg", "meta.json", "tok2vec", "tagger", "parser", "vocab", "tokenizer")


class Token(msgspec.Struct, frozen=True):
    """One token: `start`/`end` are character offsets in the sentence, `head` a token index
    (the root is its own head), `dep` a Universal Dependencies label (`root` for the root),
    `tag` a Penn Treebank tag (VBD, NNP, MD...), `pos` a UPOS tag (VERB, PROPN, AUX...)."""

    i: int
    text: str
    start: int
    end: int
    tag: str
    pos: str
    dep: str
    head: int


class Parse(msgspec.Struct, frozen=True):
    """A parsed sentence: one tree (`root`), tokens in order, children per token."""

    text: str
    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]
    root: int  # -1 for a sentence with no tokens
    truncated: bool = False  # True when only the first MAX_CHARS characters were parsed

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token `i`, only those whose label is in `deps` when any are given."""
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering character `offset`, None when it falls in whitespace."""
        for t in self.tokens:
            if t.start <= offset < t.end:
                return t.i
        return None

    def span(self, i: int) -> tuple[int, int]:
        """Character span of token `i`'s whole subtree, without edge punctuation."""
        ids = self.subtree(i)
        while len(ids) > 1 and self.tokens[ids[-1]].dep == "punct":
            ids.pop()
        while len(ids) > 1 and self.tokens[ids[0]].dep == "punct":
            ids.pop(0)
        return self.tokens[ids[0]].start, self.tokens[ids[-1]].end

    def phrase(self, i: int) -> tuple[int, int]:
        """Character span of the core of the noun phrase headed by token `i`: its name parts,
        compounds, determiners, adjectives, numbers and possessor ("the governor's chief
        spokesman"), without appositions, relative clauses, prepositional phrases or conjuncts."""
        ids, todo = [i], [i]
        while todo:
            parent = todo.pop()
            for c in self.children[parent]:
                dep = self.tokens[c].dep
                if dep in _CORE_DEPS or (dep == "case" and self.tokens[parent].dep == "nmod:poss"):
                    ids.append(c)
                    todo.append(c)
        ids = [k for k in ids if self.tokens[k].dep != "punct" or k == i]
        lo, hi = min(ids), max(ids)
        # keep it contiguous around the head: a part cut off by an excluded word is dropped
        left = [k for k in range(lo, i) if all(j in ids for j in range(k, i))]
        right = [k for k in range(i + 1, hi + 1) if all(j in ids for j in range(i + 1, k + 1))]
        first = left[0] if left else i
        last = right[-1] if right else i
        return self.tokens[first].start, self.tokens[last].end

    def subtree(self, i: int) -> list[int]:
        """Token `i` and all its descendants, in sentence order."""
        out, todo = [i], [i]
        while todo:
            for c in self.children[todo.pop()]:
                out.append(c)
                todo.append(c)
        return sorted(out)


# ------------------------------------------------------------------ the model


_lock = threading.RLock()
_nlp: Any = None


def model_path() -> Path:
    """Where the shipped weights live inside the installed package."""
    return Path(str(resources.files("newsprism.data").joinpath("models").joinpath("syntax")))


def load_model(path: Path | None = None) -> Any:
    """Load the parser (the shipped one unless `path` is given); ModelError if it cannot be used."""
    path = path or model_path()
    missing = [name for name in _REQUIRED if not (path / name).exists()]
    if missing:
        raise ModelError(f"syntax model at {path} is missing {', '.join(missing)}")
    try:
        import spacy

        nlp = spacy.load(path, exclude=["senter", "ner", "lemmatizer"])
    except ImportError as exc:
        raise ModelError(f"the syntax model needs spaCy: {exc}", hint="pip install newsprism") from exc
    except Exception as exc:  # spaCy raises OSError, ValueError, KeyError, msgpack errors...
        raise ModelError(f"syntax model at {path} cannot be loaded: {type(exc).__name__}: {exc}") from exc
    if "parser" not in nlp.pipe_names or "tagger" not in nlp.pipe_names:
        raise ModelError(f"syntax model at {path} has no tagger or parser (has {nlp.pipe_names})")
    _keep_title_abbreviations(nlp)
    log.debug("syntax model loaded from %s", path)
    return nlp


def _keep_title_abbreviations(nlp: Any) -> None:
    """One token for "Sgt." or "Gov." before a name (the tokenizer would split off the period and
    the parser then ends the subject there); the list is the sentence splitter's own."""
    from spacy.attrs import ORTH

    from newsprism.analyze.sentences import _TITLE_ABBREVS

    for word in sorted(_TITLE_ABBREVS):
        form = word.capitalize() + "."
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _model() -> Any:
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = load_model()
    return _nlp


def parse(sentences: Sequence[str], *, nlp: Any = None) -> list[Parse]:
    """Parse each string as ONE sentence (one tree, never split), in order."""
    shipped = nlp is None
    model = _model() if shipped else nlp
    docs = []
    with _lock:  # spaCy's string store is not safe to grow from two threads at once
        for text in sentences:
            doc = model.make_doc(text if len(text) <= MAX_CHARS else text[:MAX_CHARS])
            for tok in doc[1:]:
                tok.is_sent_start = False
            docs.append(doc)
        out = [_to_parse(text, doc) for text, doc in zip(sentences, model.pipe(docs, batch_size=BATCH), strict=True)]
        if shipped and len(model.vocab.strings) > MAX_STRINGS:
            _reset()
    return out


def _reset() -> None:
    """Drop the loaded model: spaCy keeps every string it has seen, so a long-running process
    (watch, the API) reloads it now and then (~1 CPU-second) instead of growing without bound."""
    global _nlp
    log.debug("syntax model reloaded after %d strings", MAX_STRINGS)
    _nlp = None


def parse_one(sentence: str) -> Parse:
    """Parse one sentence."""
    return parse([sentence])[0]


def _to_parse(text: str, doc: Any) -> Parse:
    heads = [t.head.i for t in doc]
    deps = ["root" if t.dep_ == "ROOT" or t.head.i == t.i else t.dep_ for t in doc]
    tags = [t.tag_ for t in doc]
    _repair_clause_subjects(heads, deps, tags)
    _repair_inverted_subjects(heads, deps, tags)
    tokens = tuple(
        Token(i=t.i, text=t.text, start=t.idx, end=t.idx + len(t.text), tag=tags[t.i], pos=t.pos_,
              dep=deps[t.i], head=heads[t.i])
        for t in doc
    )
    kids: list[list[int]] = [[] for _ in tokens]
    root = -1
    for t in tokens:
        if t.head == t.i:
            root = t.i if root < 0 else root
        else:
            kids[t.head].append(t.i)
    return Parse(text=text, tokens=tokens, children=tuple(tuple(k) for k in kids), root=root,
                 truncated=len(text) > MAX_CHARS)


def _repair_clause_subjects(heads: list[int], deps: list[str], tags: list[str]) -> None:
    """Undo one frequent greedy-parser slip: in "critics say the mayor needs to go" the noun after
    a verb of saying or thinking is taken as its object while the finite complement clause that
    follows is left without a subject. A finite verb needs a subject, so the noun becomes it."""
    for c, dep in enumerate(deps):
        if dep != "ccomp" or not _finite(c, heads, deps, tags):
            continue
        if any(heads[k] == c and k != c and deps[k] in SUBJECT_DEPS for k in range(len(heads))):
            continue
        verb = heads[c]
        obj = next((k for k in range(verb + 1, c) if heads[k] == verb and deps[k] in ("obj", "dobj")), None)
        if obj is None or any(deps[k] == "mark" and heads[k] == c for k in range(verb, c)):
            continue
        between = [k for k in range(obj + 1, c) if not _descends(k, obj, heads)]
        if all(heads[k] == c and deps[k] in ("aux", "aux:pass", "advmod") for k in between):
            heads[obj], deps[obj] = c, "nsubj"


def _repair_inverted_subjects(heads: list[int], deps: list[str], tags: list[str]) -> None:
    """After a quote or a fronted clause the reporting verb comes before its subject ("..., said
    the minister"); the parser often labels that subject an object. A finite verb with no
    subject, right after punctuation, governing a clause before it (or hanging on a quoted clause
    that closes before it), with a noun after it: the noun is the subject."""
    for v, tag in enumerate(tags):
        if tag not in ("VBD", "VBZ", "VBP") or v == 0 or tags[v - 1] not in _CLOSERS:
            continue
        kids = [k for k in range(len(heads)) if heads[k] == v and k != v]
        if any(deps[k] in SUBJECT_DEPS or deps[k] in ("aux", "aux:pass", "expl") for k in kids):
            continue
        fronted = any(k < v and deps[k] in ("ccomp", "parataxis", "dep") for k in kids) or (
            heads[v] < v and deps[v] in ("parataxis", "ccomp")
            and "''" in tags[heads[v]:v])  # the quote closes between the clause and the verb
        obj = next((k for k in kids if k > v and deps[k] in ("obj", "dobj")), None)
        if fronted and obj is not None:
            deps[obj] = "nsubj"


def _finite(v: int, heads: list[int], deps: list[str], tags: list[str]) -> bool:
    if tags[v] in ("VBZ", "VBD", "VBP", "MD"):
        return True
    return any(heads[k] == v and k != v and deps[k] in ("aux", "aux:pass", "cop")
               and tags[k] in ("MD", "VBZ", "VBD", "VBP") for k in range(len(heads)))


def _descends(k: int, top: int, heads: list[int]) -> bool:
    for _ in range(len(heads)):
        if k == top:
            return True
        if heads[k] == k:
            return False
        k = heads[k]
    return False


# ------------------------------------------------------------------ questions about a verb


def predicate(p: Parse, i: int) -> int:
    """The content head for token `i`: an auxiliary, copula or particle gives its head."""
    t = p.tokens[i]
    if t.dep in ("aux", "aux:pass", "cop", "compound:prt", "neg") and t.head != t.i:
        return t.head
    return i


def clause_root(p: Parse, i: int) -> int:
    """The head of the clause that contains token `i` (the sentence root at the top)."""
    j = i
    for _ in range(len(p.tokens)):
        t = p.tokens[j]
        if t.dep in CLAUSE_DEPS or t.head == j or (t.dep == "conj" and _is_clause(p, j)):
            return j
        j = t.head
    return p.root


def _is_clause(p: Parse, i: int) -> bool:
    return p.tokens[i].pos in ("VERB", "AUX") or bool(p.kids(i, *SUBJECT_DEPS))


def is_passive(p: Parse, i: int) -> bool:
    """Passive voice: a passive subject or a passive auxiliary on the verb."""
    v = predicate(p, i)
    return bool(p.kids(v, "nsubj:pass", "csubj:pass", "aux:pass"))


def grammatical_subject(p: Parse, i: int) -> int | None:
    """The subject of verb `i` as written, inherited through coordination ("X arrived and said")
    and control ("X wants to leave"); a relative pronoun gives the noun it refers to."""
    v = predicate(p, i)
    for _ in range(len(p.tokens)):
        subj = p.kids(v, *SUBJECT_DEPS)
        if subj:
            return _antecedent(p, subj[0])
        t = p.tokens[v]
        if t.dep in ("conj", "xcomp") and t.head != v:
            v = t.head  # a shared subject sits on the first conjunct / the controlling verb
            continue
        if t.dep in ("acl", "acl:relcl") and t.head != v:
            return t.head  # "the minister speaking at the summit"
        return None
    return None


def _antecedent(p: Parse, s: int) -> int:
    t = p.tokens[s]
    if t.tag in ("WP", "WDT") or t.text.lower() in ("who", "which", "that"):
        v = clause_root(p, s)
        if p.tokens[v].dep == "acl:relcl":
            return p.tokens[v].head
    return s


def agent_of(p: Parse, i: int) -> int | None:
    """The `by` phrase of a passive verb ("was attacked by rebels" -> rebels), else None."""
    v = predicate(p, i)
    for c in p.kids(v, "obl:agent", "obl", "nmod:agent"):
        if p.tokens[c].dep == "obl:agent" or any(p.tokens[k].text.lower() == "by" for k in p.kids(c, "case")):
            return c
    return None


def subject_of(p: Parse, i: int) -> int | None:
    """Who does or says what verb `i` denotes: the subject of an active verb, the `by` agent of
    a passive one (None for an agentless passive: "the embassy was attacked")."""
    if is_passive(p, i):
        return agent_of(p, i)
    return grammatical_subject(p, i)


def object_of(p: Parse, i: int) -> int | None:
    """Who or what verb `i` acts on: the direct object of an active verb ("accused the mayor"),
    the subject of a passive one ("the mayor was accused")."""
    v = predicate(p, i)
    if is_passive(p, i):
        return grammatical_subject(p, v)
    objs = p.kids(v, "obj", "dobj")
    return objs[0] if objs else None


def indirect_object_of(p: Parse, i: int) -> int | None:
    """The indirect object ("told reporters", "gave the council a warning")."""
    objs = p.kids(predicate(p, i), "iobj")
    return objs[0] if objs else None


def prepositional(p: Parse, i: int, prep: str) -> int | None:
    """The argument of verb `i` introduced by `prep` (an oblique noun or a clause):
    "accused X of fraud" / "accused X of lying" with prep="of" -> fraud / lying."""
    want, v = prep.lower(), predicate(p, i)
    # The parser often hangs "of ..." on the object ("accused [the mayor of lying]"): look there next.
    obj = p.kids(v, "obj", "dobj")
    for head, labels in ((v, _PREP_VERB), *((o, _PREP_OBJ) for o in obj[:1])):
        for c in p.kids(head, *labels):
            if any(p.tokens[m].text.lower() == want for m in p.kids(c, "case", "mark")):
                return c
    return None


def negated(p: Parse, i: int) -> bool:
    """A negation on the verb itself or on its auxiliaries ("did not", "never", "won't")."""
    v = predicate(p, i)
    heads = [v, *p.kids(v, "aux", "aux:pass", "cop")]
    return any(p.tokens[c].text.lower() in NEGATORS for h in heads for c in p.kids(h, "advmod", "neg"))


def modals(p: Parse, i: int) -> tuple[str, ...]:
    """Modal auxiliaries of the verb, lowercased ("would", "could", "may", "will"...)."""
    v = predicate(p, i)
    return tuple(p.tokens[c].text.lower() for c in p.kids(v, "aux") if p.tokens[c].tag == "MD")


def auxiliaries(p: Parse, i: int) -> tuple[str, ...]:
    """All auxiliaries of the verb in order, lowercased ("has", "been", "will"...)."""
    v = predicate(p, i)
    return tuple(p.tokens[c].text.lower() for c in p.kids(v, "aux", "aux:pass"))


def marker(p: Parse, i: int) -> str | None:
    """The subordinator that opens the verb's clause ("if", "that", "because"...), lowercased."""
    v = clause_root(p, predicate(p, i))
    marks = p.kids(v, "mark")
    return p.tokens[marks[0]].text.lower() if marks else None


def conditional(p: Parse, i: int) -> bool:
    """True when the verb's clause, or a clause it is governed by through control or coordination
    ("if they decide to strike"), is opened by if / unless / whether / lest."""
    v = clause_root(p, predicate(p, i))
    for _ in range(len(p.tokens)):
        if marker(p, v) in CONDITIONAL_MARKS:
            return True
        t = p.tokens[v]
        if t.dep not in ("xcomp", "conj") or t.head == v:
            return False
        v = clause_root(p, t.head)
    return False


def condition_of(p: Parse, i: int) -> int | None:
    """An if / unless clause attached to verb `i` ("will retaliate if attacked" -> attacked)."""
    for c in p.kids(predicate(p, i), "advcl"):
        if marker(p, c) in CONDITIONAL_MARKS:
            return c
    return None
