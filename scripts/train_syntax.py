"""Train newsprism's compact tagger + dependency parser on GUM and UD English EWT.

Reproducible: fixed seeds, a written config, a step cap so the run ends in bounded time.

    .venv/bin/python scripts/train_syntax.py                  # full run, installs the weights
    .venv/bin/python scripts/train_syntax.py --max-steps 300  # quick smoke run
    .venv/bin/python scripts/train_syntax.py --eval-only      # score the shipped weights

Data (rules in ../shared/training/README.md):
- train: GUM documents that are neither in GUM's `## test` nor `## dev` split, plus the EWT files;
- dev (model selection during training): GUM's `## dev` documents;
- test (printed at the end): GUM's `## test` documents, never trained on.

Only what inference needs is copied into src/newsprism/data/models/syntax/.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "training"
MODEL_DIR = ROOT / "src" / "newsprism" / "data" / "models" / "syntax"
SEED = 0
SPACY_RANGE = ">=3.8.0,<3.9.0"  # the same range as pyproject.toml

# Small and fast: hashed embeddings (no vectors), a narrow CNN, a narrow parser state layer.
CONFIG = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","morphologizer","parser"]
batch_size = 256
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [{rows}]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "tok2vec"

[components.morphologizer]
factory = "morphologizer"

[components.morphologizer.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.morphologizer.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "tok2vec"

[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 2

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.encode.width}}
upstream = "tok2vec"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
gold_preproc = true
max_length = 0
limit = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
gold_preproc = true
max_length = 0
limit = 0

[training]
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = {patience}
max_epochs = {max_epochs}
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.002
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
dep_uas = 0.25
dep_las = 0.35
tag_acc = 0.2
pos_acc = 0.2
dep_las_per_type = null
sents_p = null
sents_r = null
sents_f = null
morph_acc = null
morph_per_feat = null

[pretraining]

[initialize]
vectors = null
init_tok2vec = null
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


@dataclass
class Sentence:
    """One CoNLL-U sentence, syntactic words only (multiword-token lines and empty nodes dropped)."""

    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # absolute 0-based index; root points to itself
    deps: list[str] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[tuple[str, Sentence]]:
    """Yield (document id, sentence) from a CoNLL-U file."""
    doc_id = path.stem
    sent = Sentence()
    mwt_end, mwt_space = -1, True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id"):
            doc_id = line.split("=", 1)[1].strip()
        if not line.strip():
            if sent.words:
                yield doc_id, sent
            sent = Sentence()
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            mwt_end = int(cols[0].split("-")[1])
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        index = int(cols[0])
        space = "SpaceAfter=No" not in cols[9]
        if index < mwt_end:
            space = False
        elif index == mwt_end:
            space = mwt_space
        sent.words.append(cols[1])
        sent.spaces.append(space)
        sent.tags.append(cols[4])
        sent.pos.append(cols[3])
        head = int(cols[6])
        sent.heads.append(head - 1 if head else index - 1)
        sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
    if sent.words:
        yield doc_id, sent


def gum_splits(splits_md: Path) -> dict[str, str]:
    """Document id -> 'dev' / 'test' / 'test2' from GUM's splits.md (others are train)."""
    splits: dict[str, str] = {}
    current = ""
    for line in splits_md.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.strip().startswith("* ") and current:
            splits[line.strip()[2:].strip()] = current
    return splits


def load_data(data: Path) -> dict[str, list[Sentence]]:
    """Sentences per split: train (GUM train + EWT), dev (GUM dev), test (GUM test)."""
    splits = gum_splits(data / "gum" / "splits.md")
    out: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for path in sorted((data / "gum").glob("*.conllu")):
        for doc_id, sent in read_conllu(path):
            part = splits.get(doc_id, "train")
            out[part if part in ("dev", "test") else "train"].append(sent)
    for path in sorted((data / "ewt").glob("*.conllu")):
        out["train"].extend(sent for _, sent in read_conllu(path))
    return out


def to_docs(vocab, sentences: Iterable[Sentence]) -> Iterator:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    for s in sentences:
        yield Doc(
            vocab, words=s.words, spaces=s.spaces, tags=s.tags, pos=s.pos,
            heads=s.heads, deps=s.deps, sent_starts=[True] + [False] * (len(s.words) - 1),
        )


def write_docbin(vocab, sentences: list[Sentence], path: Path) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import DocBin

    DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "SENT_START"], docs=to_docs(vocab, sentences)).to_disk(path)


def score(nlp, sentences: list[Sentence]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Tag (XPOS) and UPOS accuracy over all words; UAS/LAS over non-punctuation words, gold tokens."""
    gold_docs = list(to_docs(nlp.vocab, sentences))
    inputs = []
    from spacy.tokens import Doc

    for g in gold_docs:
        d = Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
        for t in d[1:]:
            t.is_sent_start = False
        inputs.append(d)
    n = n_dep = tag_ok = pos_ok = uas = las = 0
    words = 0
    cpu0 = time.process_time()
    preds = list(nlp.pipe(inputs, batch_size=256))
    cpu = time.process_time() - cpu0
    for g, p in zip(gold_docs, preds, strict=True):
        words += len(g)
        for gt, pt in zip(g, p, strict=True):
            n += 1
            tag_ok += gt.tag_ == pt.tag_
            pos_ok += gt.pos_ == pt.pos_
            if gt.dep_ == "punct":
                continue
            n_dep += 1
            if gt.head.i == pt.head.i:
                uas += 1
                las += gt.dep_.lower() == pt.dep_.lower()
    return {
        "tag_acc": tag_ok / n, "pos_acc": pos_ok / n, "uas": uas / n_dep, "las": las / n_dep,
        "words": words, "words_per_cpu_s": words / cpu if cpu else 0.0,
    }


def install(best: Path, target: Path) -> None:
    """Copy the trained pipeline's inference files into the package (no optimizer state, no corpora)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    for key in ("performance", "speed", "spacy_git_version"):
        meta.pop(key, None)
    meta.update(
        name="newsprism_syntax", version="1.0.0", license="CC BY-SA 4.0", spacy_version=SPACY_RANGE,
        sources=[
            {"name": "GUM (Georgetown University Multilayer corpus)", "url": "https://github.com/amir-zeldes/gum",
             "license": "annotations CC BY 4.0; texts CC BY 2.5/3.0/4.0 and CC BY-SA 3.0"},
            {"name": "Universal Dependencies English Web Treebank",
             "url": "https://github.com/UniversalDependencies/UD_English-EWT", "license": "CC BY-SA 4.0"},
        ],
    )
    (target / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def train(args: argparse.Namespace, data: dict[str, list[Sentence]]) -> Path:
    import spacy
    from spacy.cli.train import train as spacy_train

    random.seed(SEED)
    work = Path(tempfile.mkdtemp(prefix="newsprism-syntax-"))
    vocab = spacy.blank("en").vocab
    write_docbin(vocab, data["train"], work / "train.spacy")
    write_docbin(vocab, data["dev"], work / "dev.spacy")
    cfg = CONFIG.format(
        seed=SEED, width=args.width, depth=args.depth, rows=args.rows, hidden=args.hidden,
        max_steps=args.max_steps, max_epochs=args.max_epochs, patience=args.patience,
        eval_frequency=args.eval_frequency,
    )
    (work / "config.cfg").write_text(cfg, encoding="utf-8")
    print(f"work dir {work}; train {len(data['train'])} sents, dev {len(data['dev'])}, test {len(data['test'])}")
    t0, c0 = time.time(), time.process_time()
    spacy_train(
        work / "config.cfg", work / "out",
        overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")},
    )
    print(f"training: {time.time() - t0:.0f} s wall, {time.process_time() - c0:.0f} s CPU")
    return work / "out" / "model-best"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding gum/ and ewt/")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="where the shipped weights go")
    ap.add_argument("--max-steps", type=int, default=5000)
    ap.add_argument("--max-epochs", type=int, default=40)
    ap.add_argument("--patience", type=int, default=2000)
    ap.add_argument("--eval-frequency", type=int, default=250)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rows", default="3000,1000,1500,1500", help="hash rows for NORM,PREFIX,SUFFIX,SHAPE")
    ap.add_argument("--hidden", type=int, default=64, help="parser hidden width")
    ap.add_argument("--eval-only", action="store_true", help="only score the weights in --out")
    args = ap.parse_args(argv)
    if not (args.data / "gum" / "splits.md").exists():
        print(f"no training data under {args.data}", file=sys.stderr)
        return 2
    data = load_data(args.data)
    import spacy

    if not args.eval_only:
        best = train(args, data)
        try:
            install(best, args.out)
        finally:
            shutil.rmtree(best.parent.parent, ignore_errors=True)  # corpora, checkpoints, optimizer state
    nlp = spacy.load(args.out)
    figures = score(nlp, data["test"])
    print(
        f"GUM test ({figures['words']} words): tag acc {figures['tag_acc']:.4f}  UPOS acc "
        f"{figures['pos_acc']:.4f}  UAS {figures['uas']:.4f}  LAS {figures['las']:.4f}  "
        f"({figures['words_per_cpu_s']:.0f} words per CPU-second)"
    )
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"weights: {args.out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
