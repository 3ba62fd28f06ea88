"""Print every article a gold file's coding gets wrong, with what was coded and why.

For each article with a false positive or a miss: its text, the gold events, the misses and
false positives as ``communique eval --per-article`` names them, and every coded record with
its participants' codes and words, auxiliary mode and trigger, so that an error can be traced
to the words it came from. A tool for finding error classes, not a measure (that is
``communique eval``)::

    PYTHONPATH=src python scripts/show_errors.py ../shared/eval/plover_gsr.jsonl > /tmp/gsr.txt
    PYTHONPATH=src python scripts/show_errors.py eval/dev.jsonl --all > /tmp/dev.txt
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from communique.evaluate import read_gold, score
from communique.pipeline import CodedArticle, Coder


def _entities(rec: dict, side: str) -> str:
    return ", ".join(f"{e.get('code')} ({e.get('entity_text')})" for e in rec[side]) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="a gold file in the eval format")
    parser.add_argument("--all", action="store_true", help="also articles coded right")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    gold = read_gold(args.gold)
    articles = [g.article() for g in gold]
    coded = {
        g.id: result.records if isinstance(result, CodedArticle) else []
        for g, result in zip(gold, Coder().code(articles), strict=True)
    }
    results = {r.id: r for r in score(gold, coded).articles}
    for g in gold:
        r = results[g.id]
        if not args.all and not (r.fp or r.fn):
            continue
        print(f"=== {g.id}  TP {r.tp}  FP {r.fp}  FN {r.fn}")
        print(g.text)
        for ge in g.gold:
            print(f"  gold     {ge.describe()}{' (optional)' if ge.optional else ''}")
        for m in r.missed:
            print(f"  missed   {m}")
        for f in r.false_positives:
            print(f"  false +  {f}")
        for rec in coded[g.id]:
            print(
                f"  coded    {rec['event']} {_entities(rec, 'actor')} -> "
                f"{_entities(rec, 'recipient')} aux={rec['aux']} "
                f"trigger={rec['event_text']} sentence={rec['text_info']['sequence']}"
            )


if __name__ == "__main__":
    main()
