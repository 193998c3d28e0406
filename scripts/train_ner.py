"""Train Warta's small generic NER (PER / ORG / LOC) and write it to ``extract/data/ner``.

The model is ``spacy.blank("id")`` plus one ``ner`` component whose narrow CNN tok2vec lives inside
it (no listener), so another blank Indonesian pipeline can take it over with
``nlp.add_pipe("ner", source=...)``. No pretrained vectors: it must stay small and fast.

Training data (token-per-line BIO files from the shared data folder), mapped to three labels:

* NERGrit (IndoNLU): PERSON / PLACE / ORGANISATION; its ``valid`` split is the dev set.
* idner-news-2k: PER / ORG / LOC, token, POS and tag per line, CRLF line endings (``--with-idner``).

The run is reproducible: a fixed seed, a fixed number of steps and the same data order.

Example:
    .venv/bin/python scripts/train_ner.py --data /work/shared/data
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import spacy
import srsly
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "extract" / "data" / "ner"
DEFAULT_DATA = ROOT.parent / "shared" / "data"

LABELS = {
    "PERSON": "PER", "PER": "PER",
    "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "ORG": "ORG",
    "PLACE": "LOC", "LOCATION": "LOC", "LOC": "LOC",
}
NO_SPACE_BEFORE = frozenset(".,;:!?)]}%'\"")
NO_SPACE_AFTER = frozenset("([{\"'")

CONFIG = """
[paths]
train = null
dev = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "id"
pipeline = ["ner"]
batch_size = 256

[components]

[components.ner]
factory = "ner"
moves = null
scorer = {{"@scorers":"spacy.ner_scorer.v1"}}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [{rows}]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = 0
max_epochs = 0
max_steps = {steps}
eval_frequency = 250
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
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
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

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


def read_bio(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a token-per-line file; the tag is the last column.

    Handles tab- or space-separated columns and CRLF endings; a blank line ends a sentence.
    """
    sentence: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as lines:
        for line in lines:
            fields = line.rstrip("\r\n").split("\t" if "\t" in line else " ")
            if not line.strip():
                if sentence:
                    yield sentence
                sentence = []
                continue
            sentence.append((fields[0], fields[-1]))
    if sentence:
        yield sentence


def map_tag(tag: str) -> str:
    """``B-PERSON`` -> ``B-PER``; tags of other types become ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = LABELS.get(label.upper())
    return f"{prefix}-{mapped}" if mapped else "O"


def guess_spaces(words: list[str]) -> list[bool]:
    """Whether each token is followed by a space, from simple punctuation rules."""
    spaces = []
    for word, following in zip(words, words[1:] + [""]):
        spaces.append(bool(following) and following not in NO_SPACE_BEFORE and word not in NO_SPACE_AFTER)
    return spaces


def sentence_doc(nlp: spacy.Language, sentence: list[tuple[str, str]]) -> Doc:
    """A gold ``Doc`` for one sentence, with its entities set from the BIO tags."""
    words = [word for word, _ in sentence]
    tags = fix_iob([map_tag(tag) for _, tag in sentence])
    doc = Doc(nlp.vocab, words=words, spaces=guess_spaces(words))
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    return doc


def fix_iob(tags: list[str]) -> list[str]:
    """Turn an ``I-`` that starts an entity (after ``O`` or another label) into ``B-``."""
    fixed = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def write_docbin(nlp: spacy.Language, files: list[Path], target: Path) -> int:
    """Convert the BIO files to one ``.spacy`` file; return the number of sentences."""
    docs = DocBin()
    count = 0
    for path in files:
        for sentence in read_bio(path):
            docs.add(sentence_doc(nlp, sentence))
            count += 1
    docs.to_disk(target)
    return count


def keep_label_strings(nlp: spacy.Language, model_dir: Path) -> None:
    """Drop the training words from the saved string store (close to 1 MB).

    The model reads hashed token features, which do not need the strings themselves; only the
    labels are kept, so that predictions are unchanged.
    """
    labels = sorted(nlp.get_pipe("ner").labels)
    srsly.write_json(model_dir / "vocab" / "strings.json", labels)


def build_config(args: argparse.Namespace) -> str:
    return CONFIG.format(seed=args.seed, width=args.width, depth=args.depth, hidden=args.hidden,
                         rows=", ".join(str(r) for r in args.rows), steps=args.steps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the model is written")
    parser.add_argument("--with-idner", action=argparse.BooleanOptionalAction, default=True,
                        help="also train on idner-news-2k (train and dev splits)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, default=64)
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--rows", type=int, nargs=4, default=[4000, 1000, 2000, 1000],
                        help="hash-embedding rows for NORM, PREFIX, SUFFIX, SHAPE")
    parser.add_argument("--steps", type=int, default=2500)
    args = parser.parse_args(argv)

    from spacy.cli.train import train

    nergrit = args.data / "ner-nergrit-indonlu"
    train_files = [nergrit / "train_preprocess.txt"]
    if args.with_idner:
        idner = args.data / "ner-idner-news-2k"
        train_files += [idner / "train.txt", idner / "dev.txt"]
    nlp = spacy.blank("id")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        n_train = write_docbin(nlp, train_files, work / "train.spacy")
        n_dev = write_docbin(nlp, [nergrit / "valid_preprocess.txt"], work / "dev.spacy")
        print(f"train: {n_train} sentences, dev: {n_dev} sentences", file=sys.stderr)
        config = work / "config.cfg"
        config.write_text(build_config(args), encoding="utf-8")
        started = time.perf_counter()
        train(config, work / "out", use_gpu=-1,
              overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")})
        print(f"trained in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        best = spacy.load(work / "out" / "model-best")
    best.config["paths"]["train"] = None
    best.config["paths"]["dev"] = None
    best.meta["name"] = "warta_ner"
    best.meta["description"] = "Generic Indonesian NER (PER, ORG, LOC) trained on " + (
        "NERGrit (IndoNLU, Apache-2.0) and idner-news-2k (MIT)" if args.with_idner else "NERGrit (IndoNLU, Apache-2.0)")
    best.meta["license"] = "Apache-2.0"
    if args.output.exists():
        shutil.rmtree(args.output)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    best.to_disk(args.output)
    keep_label_strings(best, args.output)
    print(f"model written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
