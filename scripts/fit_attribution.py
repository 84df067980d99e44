"""Fit the quote attribution model (src/storyline/lexicon/attribution.toml) on PolNeAR gold.

Reads prepared PolNeAR folders of ../shared/eval/polnear (each a `manifest.json` written by
prepare.py and the `story.db` run.sh built from it), takes each article's clean text, parse and
entities from the store, and finds the quotations as the quotes stage does, with every
candidate speaker the attribution model weighs and its features. A candidate is labelled 1
when it names the gold Source of the quotation it matches (its span overlaps the Source, or
it shares a name word with it, as the scorer counts). The weights are an L2-regularised
logistic regression over the named features (numpy), each article weighing the same.

    python scripts/fit_attribution.py /tmp/q22/dev/polnear /tmp/q22/first/polnear [--write]
    python scripts/fit_attribution.py FOLDER --score [--errors N]   # the fast check, no fitting

Fit only on the development split and the first half of train; the second half is for checking.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path[:0] = [str(EVAL), str(EVAL / "polnear")]

from brat import name_tokens, read_ann  # noqa: E402
from common.align import Aligner  # noqa: E402
from score import DIRECT_KINDS, antecedent_names, gold_source_names, trim  # noqa: E402

from storyline.article.quotes import find_quotes  # noqa: E402
from storyline.article.quotes.model import FEATURES, candidate_log  # noqa: E402
from storyline.model import Annotation, ArticleEntities, CleanText  # noqa: E402
from storyline.model.codec import from_plain  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.stages import fingerprints, stage_order  # noqa: E402
from storyline.store.database import Store  # noqa: E402

TABLE = ROOT / "src" / "storyline" / "lexicon" / "attribution.toml"
# The [features] section is kept as written (names and their comments) when the weights are refitted.
FEATURE_TABLE = TABLE.read_text(encoding="utf-8").split("[features]")[1].split("[weights]")[0].strip()
FEATURE_TABLE = "[features]\n" + FEATURE_TABLE


def articles(folder: Path):
    """(fed text, gold quotes, clean text, annotation, entities) of every article of a folder."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    data_dir = Path(manifest["data_dir"])
    store = Store.for_reading(folder / "story.db")
    prints = fingerprints(stage_order(), Settings())
    results = {s: store.stage_results(s, prints[s]) for s in ("clean", "annotate", "mentions")}
    hashes = {stored.document.id: stored.content_hash for stored in store.articles()}
    for doc in manifest["docs"]:
        digest = hashes.get(doc["id"])
        if digest is None or digest not in results["annotate"]:
            continue
        clean = from_plain(CleanText, results["clean"][digest])
        yield (
            doc["text"],
            read_ann(data_dir / doc["ann"]),
            clean.text,
            from_plain(Annotation, results["annotate"][digest]),
            from_plain(ArticleEntities, results["mentions"][digest]),
        )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def gold_for(fed: str, gold, content: tuple[int, int] | None, direct: bool):
    """The gold quotation a predicted content span matches (>= 50% of the shorter), or None."""
    if content is None:
        return None
    p = trim(fed, *content)
    best, best_score = None, 0.5
    for g in gold:
        if direct and not g.is_direct(fed):
            continue
        frags = [f for f in (trim(fed, s, e) for s, e in g.content) if f[1] > f[0]]
        shorter = min(p[1] - p[0], sum(e - s for s, e in frags)) if frags else 0
        if shorter <= 0:
            continue
        score = sum(_overlap(p, f) for f in frags) / shorter
        if score >= best_score:
            best, best_score = g, score
    return best


def is_right(fed: str, g, ants, span: tuple[int, int] | None, name: str | None) -> bool:
    """The scorer's lenient test: the speaker words overlap a gold Source, or share a name word."""
    if span is not None and any(_overlap(span, (s[0][0], s[-1][1])) > 0 for s in g.sources):
        return True
    return bool(name_tokens(name) & gold_source_names(fed, g, ants))


def speaker_name(clean: str, found: ArticleEntities, entity: int, span) -> str | None:
    if entity >= 0:
        return max(found.entities[entity].names, key=len)
    return clean[span.start : span.end] if span is not None else None


def collect(folders: list[Path], errors: int = 0):
    """Rows (features, label, article number) of every candidate of every matched quotation,
    and the lenient source accuracy of the current model on direct quotations."""
    rows, labels, groups, quotations = [], [], [], []
    right_total = total = 0
    shown = 0
    for number, (fed, gold, clean, annotation, found) in enumerate(a for f in folders for a in articles(f)):
        aligner = Aligner(clean, fed)
        ants = antecedent_names(fed, gold)
        log: list = []
        with candidate_log(log):
            quotes = find_quotes(clean, annotation, found).quotes
        for quote in quotes:
            if quote.kind not in DIRECT_KINDS:
                continue
            g = gold_for(fed, gold, aligner.span(quote.start, quote.end), True)
            if g is None or not g.sources:
                continue
            total += 1
            span = aligner.span(quote.speaker_span.start, quote.speaker_span.end) if quote.speaker_span else None
            ok = is_right(fed, g, ants, span, speaker_name(clean, found, quote.speaker_entity, quote.speaker_span))
            right_total += ok
            if not ok and shown < errors:
                shown += 1
                said = clean[quote.speaker_span.start : quote.speaker_span.end] if quote.speaker_span else None
                gold_said = " | ".join(" ".join(fed[s:e] for s, e in src) for src in g.sources)
                print(f"-- {clean[quote.start:quote.end][:90]!r}\n   got {said!r}, gold {gold_said!r}")
        for entry in log:
            g = gold_for(fed, gold, aligner.span(entry.start, entry.end), False)
            if g is not None and not g.sources:
                continue
            # Marked words no annotator took for anyone's (the writer's scare quotes, titles):
            # nobody is their speaker, so the model learns when nobody speaks.
            right = []
            for cand in entry.candidates:
                if cand.origin == "nobody":
                    right.append(g is None)
                    continue
                span = aligner.span(cand.span.start, cand.span.end) if cand.span else None
                right.append(g is not None and is_right(fed, g, ants, span, speaker_name(clean, found, cand.entity, cand.span)))
            if any(right):
                rows.extend(c.features for c in entry.candidates)
                labels.extend(right)
                groups.extend([(number, len(quotations))] * len(right))
                quotations.append(number)
    return np.array(rows, dtype=float), np.array(labels, dtype=float), np.array([q for _, q in groups]), np.array(quotations), (right_total, total)


def fit(x: np.ndarray, y: np.ndarray, quotation: np.ndarray, article: np.ndarray, l2: float = 1.0, steps: int = 4000, prior: float | None = None) -> np.ndarray:
    """Weights of a conditional logit: the candidates of one quotation compete in a softmax, and
    the likelihood is that of its right candidates; with `prior`, the rules' choice keeps that
    fixed weight and the rest are fitted as corrections to it; each article weighs the same (a long
    transcript does not outweigh forty short reports); `l2` on every weight."""
    n = quotation.max() + 1
    per_article = np.bincount(article)
    weight = 1.0 / per_article[article]
    weight = weight * n / weight.sum()
    w = np.zeros(x.shape[1])
    rate, m, v = 0.05, np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        s = x @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, quotation, s)
        e = np.exp(s - top[quotation])
        total = np.bincount(quotation, e, n)
        hit = np.bincount(quotation, e * y, n)
        p_all, p_hit = e / total[quotation], e * y / hit[quotation]
        grad = x.T @ (weight[quotation] * (p_all - p_hit)) / n + l2 * w / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        if prior is not None:
            w[FEATURES.index("rule")] = prior
    return w


def table(w: np.ndarray, sources: list[str], margin: float, options: str = "") -> str:
    lines = [
        "# Quote attribution: weights of a logistic model over the features of each candidate speaker",
        "# (src/storyline/article/quotes/model.py). Fitted by scripts/fit_attribution.py on PolNeAR",
        f"# (research use; no license): {', '.join(sources)}.",
        *([f"# Fitted with {options}."] if options else []),
        "# Regenerate, do not edit by hand.",
        "[choice]",
        "# Nobody speaks only when that beats the best candidate by this much (chosen on the fitting data).",
        f"nobody_margin = {margin}",
        "",
        *FEATURE_TABLE.splitlines(),
        "",
        "[weights]",
    ]
    lines += [f"{name} = {value:.4f}" for name, value in zip(FEATURES, w, strict=True)]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--score", action="store_true", help="only report the source accuracy of the shipped model")
    ap.add_argument("--errors", type=int, default=0, help="print this many misattributed direct quotations")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--margin", type=float, default=1.0, help="how much nobody must beat the best speaker by")
    ap.add_argument("--prior", type=float, help="fix the weight of the rules' choice (rule) at this value")
    ap.add_argument("--data", default="its dev split (84 articles) and the first half of train (420)",
                    help="what the folders hold, for the table's header")
    ap.add_argument("--write", action="store_true", help=f"write {TABLE.name}")
    args = ap.parse_args()
    x, y, quotation, article, (right, total) = collect(args.folders, args.errors)
    print(f"direct-quote source accuracy (lenient, approx.): {right / max(total, 1):.3f} ({right}/{total}); "
          f"{len(y)} candidates, {int(y.sum())} right")
    if args.score:
        return
    w = fit(x, y, quotation, article, args.l2, prior=args.prior)
    options = f"--margin {args.margin} --l2 {args.l2}" + (f" --prior {args.prior}" if args.prior is not None else "")
    text = table(w, [args.data], args.margin, options)
    print(text)
    if args.write:
        TABLE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
