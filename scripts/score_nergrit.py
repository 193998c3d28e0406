"""Score the shipped NER on the NERGrit test set: entity-level precision, recall and F1.

An entity counts only when its span (first and last token) and its label both match the gold
exactly; a partial span is one false positive and one false negative. NERGrit's labels are
mapped to Warta's (PERSON -> PER, ORGANISATION -> ORG, PLACE -> LOC). The model reads the gold
tokens as they are, so tokenization plays no part in the score.

Example:
    .venv/bin/python scripts/score_nergrit.py
    .venv/bin/python scripts/score_nergrit.py --model /tmp/other-model --split valid
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import fix_iob, map_tag, read_bio  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner-nergrit-indonlu"
Entity = tuple[int, int, str]  # first token, token after the last, label


@dataclass(frozen=True)
class Score:
    """Counts and rates for one label (or all labels together)."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bio_entities(tags: Sequence[str]) -> set[Entity]:
    """Entities of a BIO tag sequence; an ``I-`` without a matching opener starts a new entity."""
    entities: set[Entity] = set()
    start, label = None, None
    for index, tag in enumerate([*fix_iob(list(tags)), "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            entities.add((start, index, label))
            start, label = None, None
        if tag.startswith("B-"):
            start, label = index, tag[2:]
    return entities


def score(gold: Iterable[set[Entity]], predicted: Iterable[set[Entity]]) -> dict[str, Score]:
    """Exact-match scores per label and ``"micro"`` over all, from per-sentence entity sets."""
    counts: dict[str, list[int]] = {}
    for gold_set, predicted_set in zip(gold, predicted, strict=True):
        for _, _, label in gold_set | predicted_set:
            counts.setdefault(label, [0, 0, 0])
        for entity in predicted_set:
            counts[entity[2]][0 if entity in gold_set else 1] += 1
        for entity in gold_set - predicted_set:
            counts[entity[2]][2] += 1
    scores = {label: Score(*values) for label, values in sorted(counts.items())}
    scores["micro"] = Score(*(sum(values[i] for values in counts.values()) for i in range(3)))
    return scores


def predict(nlp, sentences: list[list[str]]) -> list[set[Entity]]:
    """Entities the model finds in each pre-tokenized sentence."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=words) for words in sentences)
    return [{(ent.start, ent.end, ent.label_) for ent in doc.ents} for doc in nlp.pipe(docs, batch_size=256)]


def format_scores(scores: dict[str, Score]) -> str:
    lines = [f"{'label':<8}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for label, s in scores.items():
        lines.append(f"{label:<8}{s.precision:7.1%}{s.recall:7.1%}{s.f1:7.1%}"
                     f"{s.true_positives:6d}{s.false_positives:6d}{s.false_negatives:6d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the NERGrit folder")
    parser.add_argument("--split", choices=("test", "valid", "train"), default="test")
    parser.add_argument("--model", type=Path, default=None, help="a model folder (default: the shipped one)")
    args = parser.parse_args(argv)

    if args.model is None:
        from extract.find.ner import load_ner
        nlp = load_ner()
    else:
        import spacy
        nlp = spacy.load(args.model)
    sentences = list(read_bio(args.data / f"{args.split}_preprocess.txt"))
    gold = [bio_entities([map_tag(tag) for _, tag in sentence]) for sentence in sentences]
    predicted = predict(nlp, [[word for word, _ in sentence] for sentence in sentences])
    print(f"NERGrit {args.split}: {len(sentences)} sentences, {sum(map(len, gold))} entities")
    print(format_scores(score(gold, predicted)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
