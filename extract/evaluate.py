"""Check Warta against a folder of gold files: run extraction on the documents they name and score it.

The matching rules are those of the project's scorer (``eval/score.py`` beside the shared gold):

* regulations match on (type, number, year), a missing year matching any; issuer and subject are
  right when their word overlap (token F1) reaches 0.6;
* officials match on the name without honorifics; the position is right at token F1 0.6;
* agencies match when any surface form (name, acronym, aliases) is shared;
* quotes match at token F1 0.7 on the quoted words; the speaker is right when the names agree;
* a gold item marked ``optional`` is neither rewarded nor punished; a second prediction for a gold
  item already matched is a false positive; where the gold says ``"regulations_scope": "basis"``
  regulation precision is not counted.

The summary score is the mean of the four fields' F1, speaker accuracy and, where the gold has
them, identity, title and signatory accuracy.

A run can be saved (``save_run``) and a later run compared with it (``compare_runs``): per document,
the items that became right and the items that became wrong.

Example:
    >>> report = evaluate("gold/news")             # doctest: +SKIP
    >>> print(format_figures(report.figures))       # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .process import extract_records

FIELDS = ("regulations", "officials", "agencies", "quotes")
ATTRIBUTES = ("issuer", "subject", "position", "speaker")
DOCUMENT_ATTRIBUTES = ("kind", "date", "event_date", "identity", "title", "signatory")
SIMILAR = 0.6       # token F1 at which two phrases are the same (issuer, subject, position)
SAME_QUOTE = 0.7    # token F1 at which two quotes are the same
TYPE_SYNONYMS = {"PERMENKO": "PERMEN", "KEPMENKO": "KEPMEN", "PMK": "PERMEN", "PERPU": "PERPPU"}
# Titles and degrees the scorer ignores in people's names (lower case, without dots).
NAME_NOISE = frozenset(
    "dr drs dra ir h hj prof kh pak bu ibu bapak sdr sdri st se sh mh mm msi mpd mt mkes mba phd skm sip "
    "ssos spd skom ak cpa mag llm ma msc mkn apt mph".split())
RUNS_FOLDER = ".warta-eval"


class EvaluationError(ValueError):
    """A gold folder, gold file, source or saved run that cannot be used; the message says the fix."""


# --- comparing strings ------------------------------------------------------------------------------

def normalize(text) -> str:
    """Lower case, quotes dropped, punctuation other than ``% / . -`` turned into spaces."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", text)
    text = re.sub(r"[^\w%/.-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .-")


def words(text) -> list[str]:
    return [w for w in (w.strip(".") for w in normalize(text).split()) if w]


def overlap(a, b) -> float:
    """Token F1 between two phrases (0 where either is empty)."""
    ca, cb = Counter(words(a)), Counter(words(b))
    shared = sum((ca & cb).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(cb.values()), shared / sum(ca.values())
    return 2 * precision * recall / (precision + recall)


def name_key(name) -> str:
    return " ".join(w for w in words(name) if w not in NAME_NOISE)


def regulation_key(item: dict) -> tuple[str, str, int | None]:
    kind = (item.get("type") or "").upper().strip()
    kind = TYPE_SYNONYMS.get(kind, kind)
    number = re.sub(r"\s+", "", str(item.get("number") or "")).lower()
    if number.isdigit():
        number = number.lstrip("0") or "0"
    try:
        year = int(item["year"]) if item.get("year") not in (None, "") else None
    except (TypeError, ValueError):
        year = None
    return kind, number, year


def same_regulation(gold: dict, pred: dict) -> bool:
    (gk, gn, gy), (pk, pn, py) = regulation_key(gold), regulation_key(pred)
    return gk == pk and gn == pn and (gy is None or py is None or gy == py)


def agency_surfaces(item: dict) -> set[str]:
    forms = (item.get("name"), item.get("acronym"), *(item.get("aliases") or []))
    return {n for n in (normalize(f) for f in forms) if n}


def _same_official(gold: dict, pred: dict) -> bool:
    return name_key(gold.get("name")) != "" and name_key(gold.get("name")) == name_key(pred.get("name"))


def _same_agency(gold: dict, pred: dict) -> bool:
    return bool(agency_surfaces(gold) & agency_surfaces(pred))


def _same_quote(gold: dict, pred: dict) -> bool:
    return overlap(gold.get("text"), pred.get("text")) >= SAME_QUOTE


SAME = {"regulations": same_regulation, "officials": _same_official, "agencies": _same_agency,
        "quotes": _same_quote}


# --- counting ---------------------------------------------------------------------------------------

@dataclass
class Count:
    """True positives, false positives, false negatives and attribute hits of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    hits: Counter = field(default_factory=Counter)
    tries: Counter = field(default_factory=Counter)

    def check(self, attribute: str, right: bool) -> None:
        self.tries[attribute] += 1
        self.hits[attribute] += bool(right)

    def rate(self, attribute: str) -> float | None:
        return self.hits[attribute] / self.tries[attribute] if self.tries[attribute] else None

    def prf(self) -> tuple[float | None, float | None, float | None]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        if p is None or r is None:
            return p, r, None
        return p, r, (2 * p * r / (p + r) if p and r else 0.0)


@dataclass(frozen=True)
class Outcomes:
    """What one field of one document came to: the items found right, found wrongly and missed."""

    right: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()


def pair_up(gold_items: list[dict], pred_items: list[dict], same, count: Count, *,
            count_precision: bool = True) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Match each prediction, in order, to the first unused gold item it equals (else the last used one).

    Returns the matched (gold, prediction) pairs, the predictions counted wrong and the gold items missed.
    """
    pairs, wrong, used = [], [], set()
    for pred in pred_items:
        found = None
        for i, gold in enumerate(gold_items):
            if same(gold, pred):
                found = i
                if i not in used:
                    break
        if found is None or found in used:
            if count_precision and (found is None or not gold_items[found].get("optional")):
                count.fp += 1
                wrong.append(pred)
            continue
        used.add(found)
        if not gold_items[found].get("optional"):
            count.tp += 1
            pairs.append((gold_items[found], pred))
    missed = [g for i, g in enumerate(gold_items) if i not in used and not g.get("optional")]
    count.fn += len(missed)
    return pairs, wrong, missed


def _label(name: str, item: dict) -> str:
    if name == "regulations":
        kind, number, year = regulation_key(item)
        return f"{kind} {number}" + (f"/{year}" if year else "")
    if name == "quotes":
        text = " ".join(str(item.get("text") or "").split())
        return (text[:60] + "...") if len(text) > 60 else text
    return " ".join(str(item.get("name") or item.get("acronym") or "").split())


def score_document(gold: dict, pred: dict, counts: dict[str, Count]) -> dict[str, Outcomes]:
    """Add one document to ``counts``; return its outcomes per field (attribute misses included)."""
    basis_only = gold.get("regulations_scope") == "basis" or any(
        r.get("basis") for r in gold.get("regulations") or [])
    outcomes = {}
    for name in FIELDS:
        count = counts[name]
        pairs, wrong, missed = pair_up(gold.get(name) or [], pred.get(name) or [], SAME[name], count,
                                       count_precision=not (name == "regulations" and basis_only))
        right = []
        for g, p in pairs:
            label = _label(name, g)
            if name == "regulations":
                for attribute in ("issuer", "subject"):
                    if g.get(attribute):
                        ok = overlap(g[attribute], p.get(attribute)) >= SIMILAR
                        count.check(attribute, ok)
                        label += "" if ok else f" (wrong {attribute})"
            elif name == "officials" and g.get("position"):
                ok = overlap(g["position"], p.get("position")) >= SIMILAR
                count.check("position", ok)
                label += "" if ok else " (wrong position)"
            elif name == "quotes" and g.get("speaker"):
                ok = name_key(g["speaker"]) == name_key(p.get("speaker"))
                count.check("speaker", ok)
                label += "" if ok else " (wrong speaker)"
            right.append(label)
        outcomes[name] = Outcomes(tuple(right), tuple(_label(name, p) for p in wrong),
                                  tuple(_label(name, g) for g in missed))
    document = counts["document"]
    right, wrong = [], []
    checks = []
    if gold.get("kind"):
        checks.append(("kind", gold["kind"] == pred.get("kind")))
    for attribute in ("date", "event_date"):
        if gold.get(attribute):
            checks.append((attribute, gold[attribute] == pred.get(attribute)))
    if gold.get("regulation"):
        own = pred.get("regulation") or {}
        checks.append(("identity", same_regulation(gold["regulation"], own) and regulation_key(own)[2] is not None))
        if gold["regulation"].get("subject"):
            checks.append(("title", overlap(gold["regulation"]["subject"], own.get("subject")) >= SIMILAR))
    if gold.get("signatory"):
        signatory = pred.get("signatory") or {}
        checks.append(("signatory", name_key(gold["signatory"].get("name")) == name_key(signatory.get("name"))))
    for attribute, ok in checks:
        document.check(attribute, ok)
        (right if ok else wrong).append(attribute)
    outcomes["document"] = Outcomes(tuple(right), tuple(wrong))
    return outcomes


def figures_of(counts: dict[str, Count], documents: int, missing: int = 0) -> dict:
    """The figures score.py prints with ``--json``: P/R/F1 and attributes per field, and the score."""
    out: dict = {"documents": documents, "missing_predictions": missing}
    for name in FIELDS:
        p, r, f = counts[name].prf()
        out[name] = {"precision": p, "recall": r, "f1": f}
        out[name].update({a: counts[name].rate(a) for a in ATTRIBUTES if counts[name].rate(a) is not None})
    out["document"] = {a: counts["document"].rate(a) for a in DOCUMENT_ATTRIBUTES
                       if counts["document"].rate(a) is not None}
    headline = [out[n]["f1"] for n in FIELDS if out[n]["f1"] is not None]
    if out["quotes"].get("speaker") is not None:
        headline.append(out["quotes"]["speaker"])
    headline += [v for k, v in out["document"].items() if k in ("identity", "title", "signatory")]
    out["score"] = sum(headline) / len(headline) if headline else 0.0
    return out


def format_figures(figures: dict) -> str:
    """The table score.py prints, ending in the ``score=`` line."""
    def fmt(v):
        return "  -  " if v is None else f"{v:5.3f}"

    lines = [f"{'field':12} {'P':>5} {'R':>5} {'F1':>5}  attributes"]
    for name in FIELDS:
        f = figures[name]
        extra = "  ".join(f"{a}={fmt(f[a])}" for a in ATTRIBUTES if a in f)
        lines.append(f"{name:12} {fmt(f['precision'])} {fmt(f['recall'])} {fmt(f['f1'])}  {extra}")
    lines.append("document     " + "  ".join(f"{k}={fmt(v)}" for k, v in figures["document"].items()))
    lines.append(f"score={figures['score']:.3f} documents={figures['documents']} "
                 f"missing={figures['missing_predictions']}")
    return "\n".join(lines)


# --- gold folders and runs ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Gold:
    key: str          # the file stem of the document's source ("detik-0004")
    path: Path        # the gold file
    record: dict
    source: Path      # the document the gold describes


def _candidate_roots(gold_dir: Path) -> list[Path]:
    """Where a gold file's relative ``source`` may start: the folder that holds the ``gold`` folder
    first, then every folder above the gold folder and a ``shared`` folder beside each."""
    folders = [gold_dir, *gold_dir.parents]
    roots = [f.parent for f in folders if f.name == "gold"]
    for f in folders:
        roots += [f, f / "shared"]
    return list(dict.fromkeys(roots))


def load_gold(gold_dir: str | Path, root: str | Path | None = None) -> list[Gold]:
    """The gold files of a folder with the documents they name; a bad folder, file or source raises."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvaluationError(f"{folder}: no such gold folder; pass the folder that holds the gold .json files")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise EvaluationError(f"{folder}: holds no .json gold files; pass the folder that holds them")
    if root is not None and not Path(root).is_dir():
        raise EvaluationError(f"{root}: no such folder; --root must be the folder gold sources are relative to")
    roots = [Path(root)] if root is not None else _candidate_roots(folder.resolve())
    golds = []
    for path in paths:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"{path}: is not valid JSON ({exc}); fix the gold file") from None
        if not isinstance(record, dict) or not record.get("source"):
            raise EvaluationError(f"{path}: has no \"source\"; add the path of the document it describes")
        relative = Path(record["source"])
        found = relative if relative.is_absolute() else next(
            (r / relative for r in roots if (r / relative).is_file()), None)
        if found is None or not found.is_file():
            raise EvaluationError(f"{path}: source {record['source']} not found under {roots[0]}; "
                                  f"pass --root with the folder it is relative to")
        golds.append(Gold(Path(record["source"]).stem, path, record, found))
    return golds


@dataclass
class Report:
    figures: dict
    documents: dict[str, dict[str, Outcomes]]   # key -> field -> outcomes
    predictions: dict[str, dict]                 # key -> the record's scored fields
    errors: list[str]


SCORED_KEYS = ("source", "kind", "date", "event_date", "regulation", "signatory", *FIELDS)


def score_golds(golds: list[Gold], predictions: dict[str, dict]) -> Report:
    counts = {name: Count() for name in (*FIELDS, "document")}
    documents = {g.key: score_document(g.record, predictions.get(g.key, {}), counts) for g in golds}
    missing = sum(1 for g in golds if g.key not in predictions)
    return Report(figures_of(counts, len(golds), missing), documents, predictions, [])


def evaluate(gold_dir: str | Path, root: str | Path | None = None, *, jobs: int = 1) -> Report:
    """Extract the documents a gold folder names and score the records against the gold."""
    golds = load_gold(gold_dir, root)
    predictions, errors = {}, []
    for outcome in extract_records([str(g.source) for g in golds], jobs=jobs):
        if outcome.record is None:
            errors.append(outcome.error or f"{outcome.path}: not extracted")
            continue
        predictions[Path(outcome.path).stem] = {k: outcome.record.get(k) for k in SCORED_KEYS}
    report = score_golds(golds, predictions)
    report.errors = errors
    return report


def runs_folder(gold_dir: str | Path, runs: str | Path | None = None) -> Path:
    return Path(runs) if runs else Path(gold_dir) / RUNS_FOLDER


def _run_path(folder: Path, name: str) -> Path:
    if not re.fullmatch(r"[\w.-]+", name) or name.startswith("."):
        raise EvaluationError(f"{name!r}: a run name may hold only letters, digits, '_', '-' and '.'")
    return folder / f"{name}.json"


def save_run(report: Report, folder: Path, name: str) -> Path:
    """Store a run's predictions and figures as ``NAME.json`` in ``folder``."""
    path = _run_path(folder, name)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"figures": report.figures, "predictions": report.predictions},
                               ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_run(folder: Path, name: str) -> dict:
    path = _run_path(folder, name)
    if not path.is_file():
        saved = sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []
        raise EvaluationError(f"{path}: no saved run {name!r}; save one with --save {name}"
                              + (f" (saved: {', '.join(saved)})" if saved else ""))
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
        run["predictions"], run["figures"]
    except (ValueError, KeyError, TypeError):
        raise EvaluationError(f"{path}: is not a saved run; save it again with --save {name}") from None
    return run


def compare_runs(golds: list[Gold], before: dict[str, dict], after: Report) -> tuple[dict[str, list[str]], dict]:
    """Per document, what was gained and lost since ``before`` (saved predictions, scored again on
    today's gold): ``+ field: item`` for an item now right or a wrong one gone, ``- field: item``
    for the reverse. Returns the changes and the earlier run's figures on today's gold."""
    earlier_report = score_golds(golds, before)
    earlier = earlier_report.documents
    changes: dict[str, list[str]] = {}
    for g in golds:
        lines = []
        for name in (*FIELDS, "document"):
            old = earlier[g.key][name]
            new = after.documents[g.key][name]
            for item in new.right:
                if item not in old.right:
                    lines.append(f"+ {name}: {item}")
            for item in old.wrong:
                if item not in new.wrong:
                    lines.append(f"+ {name}: no longer wrongly {item}")
            for item in old.right:
                if item not in new.right:
                    lines.append(f"- {name}: {item}")
            for item in new.wrong:
                if item not in old.wrong:
                    lines.append(f"- {name}: wrongly {item}")
        if lines:
            changes[g.key] = lines
    return changes, earlier_report.figures


def format_changes(changes: dict[str, list[str]], before: dict, after: dict) -> str:
    lines = [f"{key}\n  " + "\n  ".join(items) for key, items in changes.items()]
    if not changes:
        lines.append("no document changed")
    lines.append(f"score {before['score']:.3f} -> {after['score']:.3f}")
    return "\n".join(lines)
