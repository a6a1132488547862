#!/usr/bin/env python3
"""The activation table of README's "Published results", printed from a results.csv (Markdown).

    python3 scripts/activation_table.py results/fmnist/results.csv

One line per activation, best worst-case robust accuracy first: how many models it has, and per column the
mean over those models of natural accuracy and of robust accuracy under each eval attack, with the eval
images the rows used; the worst case (an image counts only if every attack of the row's image set failed on
it) also with its lowest and highest model. A column with fewer models than the activation has (an attack
run on some seeds or schedules only) says how many. Rows whose status is not ok are left out and counted
below the table. Standard library only.
"""
import csv
import sys
from collections import defaultdict

from federated_table import param, spec_id

ORDER = ["fgsm", "mi-fgsm", "pgd", "apgd-ce", "square", "autoattack", "deepfool", "worst-case", "cw"]
NAMES = {"fgsm": "FGSM", "pgd": "PGD-%s", "apgd-ce": "APGD-CE", "autoattack": "AutoAttack", "cw": "C&W", "deepfool": "DeepFool",
         "worst-case": "worst case", "mi-fgsm": "MI-FGSM", "square": "Square"}


def column(attack, images):
    aid = spec_id(attack)
    name = NAMES.get(aid, aid)
    if aid == "pgd":
        name = name % (param(attack, "steps") or "?")
    if aid == "worst-case":
        name += " (%s attacks)" % param(attack, "attacks")
    return "%s, %s images" % (name, format(int(images), ","))


def column_rank(attack, images):
    """More images first; then the L∞ attacks from the weakest kind, their worst case, and C&W (L2) last."""
    aid = spec_id(attack)
    return (-int(images), ORDER.index(aid) if aid in ORDER else len(ORDER), attack)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: activation_table.py RESULTS_CSV")
    natural = defaultdict(dict)       # activation -> model key -> natural accuracy
    robust = defaultdict(lambda: defaultdict(list))  # column -> activation -> robust accuracies
    columns, failed = {}, 0  # column -> its rank
    with open(sys.argv[1], newline="") as f:
        for r in csv.DictReader(f):
            if r["status"] != "ok":
                failed += 1
                continue
            act = spec_id(r["activation"])
            natural[act][r["model_key"]] = float(r["natural_acc"])
            col = column(r["attack"], r["eval_examples"])
            columns.setdefault(col, column_rank(r["attack"], r["eval_examples"]))
            robust[col][act].append(float(r["robust_acc"]))
    columns = sorted(columns, key=columns.get)
    worst = [c for c in columns if c.startswith("worst case") and c.endswith(", 10,000 images")] or \
        [c for c in columns if c.startswith("worst case")]
    key = worst[0] if worst else columns[0]

    def mean(values):
        return sum(values) / len(values)

    acts = sorted(natural, key=lambda a: -mean(robust[key][a]) if robust[key][a] else 1)
    print("| activation | models | natural | " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---|" * len(columns))
    for a in acts:
        models = len(natural[a])
        cells = []
        for c in columns:
            v = robust[c][a]
            if not v:
                cells.append("-")
                continue
            text = "%.4f" % mean(v)
            if c == key:
                text += " (%.4f–%.4f)" % (min(v), max(v))
            if len(v) != models:
                text += " [%d model%s]" % (len(v), "" if len(v) == 1 else "s")
            cells.append(text)
        print("| %s | %d | %.4f | %s |" % (a, models, mean(list(natural[a].values())), " | ".join(cells)))
    if failed:
        print("\n%d row%s not ok, left out" % (failed, "" if failed == 1 else "s"))


if __name__ == "__main__":
    main()
