"""The "So what?" check measured: precision and recall of output-kr per kind, and lint speed.

Two labelled sets of key results of our own writing, in tests/core/data: the set the
rule table was tuned on, and a held-out set written apart from the rules and never
used to tune them. Then the whole lint on the 10,000-card benchmark roadmap.
"""

from __future__ import annotations

import os
import random
import sys
from collections import Counter
from pathlib import Path

from bench_core import SEED, make_document, median_ms, print_table

from roadmapper.core import interchange
from roadmapper.core.lint import lint
from roadmapper.core.lint_rules import judge

DATA = Path(__file__).resolve().parents[1] / "tests" / "core" / "data"
SETS = {"tuned": "key_results.tsv", "held out": "key_results_held_out.tsv"}
RECALL_TARGET, FALSE_FLAG_TARGET = 0.90, 0.03
LINT_TARGET_MS = 100


def read_set(path: Path) -> list[tuple[str, str, str]]:
    """(label, kind, key result) rows of a labelled set; "#" lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            label, kind, text = line.split("\t")
            rows.append((label, kind, text))
    return rows


def score(rows: list[tuple[str, str, str]]) -> list[tuple[str, int, int, int]]:
    """Per kind and overall: (name, flagged, count, flagged correctly as to kind)."""
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    right_kind: Counter[str] = Counter()
    for label, kind, text in rows:
        verdict = judge(text)
        key = f"{label}: {kind}"
        total[key] += 1
        if verdict.is_output:
            flagged[key] += 1
            right_kind[key] += verdict.kind is not None and verdict.kind.value == kind
    return [(key, flagged[key], total[key], right_kind[key]) for key in sorted(total)]


def table(name: str, rows: list[tuple[str, str, str]]) -> tuple[float, float]:
    """Print one set's table; returns (recall of outputs, share of outcomes flagged)."""
    print(f"\n{name} set ({len(rows)} key results): output-kr per kind")
    print(f"{'kind':<28} | {'n':>4} | {'flagged':>8} | {'same kind':>9}")
    print(f"{'-' * 28}-+------+----------+----------")
    results = score(rows)
    for key, hit, n, right in results:
        kind_note = f"{right / n:>8.0%}" if key.startswith("output") else "        -"
        print(f"{key:<28} | {n:>4} | {hit / n:>7.1%} | {kind_note}")
    outputs = [(h, n) for k, h, n, _r in results if k.startswith("output")]
    outcomes = [(h, n) for k, h, n, _r in results if k.startswith("outcome")]
    tp, pos = sum(h for h, _n in outputs), sum(n for _h, n in outputs)
    fp, neg = sum(h for h, _n in outcomes), sum(n for _h, n in outcomes)
    precision = tp / (tp + fp) if tp + fp else 1.0
    print(
        f"overall: recall {tp}/{pos} = {tp / pos:.1%}, precision {precision:.1%}, "
        f"outcomes flagged {fp}/{neg} = {fp / neg:.1%}"
    )
    return tp / pos, fp / neg


def main() -> int:
    measured = {name: table(name, read_set(DATA / file)) for name, file in SETS.items()}
    snapshot, _refs = interchange.parse_document(make_document(random.Random(SEED)))
    cards, krs = len(snapshot.initiatives), len(snapshot.key_results)
    recall, flagged = measured["tuned"]
    held_recall, held_flagged = measured["held out"]
    lint_ms = median_ms(lambda: lint(snapshot), 7)
    print()
    print_table(
        f"{os.cpu_count()} CPUs; targets on the tuned set, the held-out set reported",
        [
            ("recall of outputs, tuned set", recall * 100, None, "%"),
            ("outcomes flagged, tuned set", flagged * 100, FALSE_FLAG_TARGET * 100, "%"),
            ("recall of outputs, held out", held_recall * 100, None, "%"),
            ("outcomes flagged, held out", held_flagged * 100, None, "%"),
            (f"lint, {cards:,} cards, {krs} KRs", lint_ms, LINT_TARGET_MS, "ms"),
        ],
        [f"target at least {RECALL_TARGET:.0%}", "", "", "", "median of 7"],
    )
    if recall < RECALL_TARGET:
        print(f"recall below the {RECALL_TARGET:.0%} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
