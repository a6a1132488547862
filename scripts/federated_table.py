#!/usr/bin/env python3
"""The federated table of README's "Published results", printed from a results.csv (Markdown).

    python3 scripts/federated_table.py results/fmnist-federated/results.csv [ATTACK_ID]

One line per (strategy, partitioner, sharing, learning rate, weight decay): natural accuracy and robust
accuracy under ATTACK_ID (default pgd) per seed with its 95% Wilson interval, and their means over the
seeds. Rows with status other than ok are listed as failed. Standard library only.
"""
import csv
import re
import sys
from collections import defaultdict


def spec_id(spec):
    return spec.split("(", 1)[0]


def param(spec, key):
    m = re.search(r"[(,]" + re.escape(key) + r"=([^,)]*)", spec)
    return m.group(1) if m else ""


def split_name(partitioner):
    pid = spec_id(partitioner)
    if pid == "iid":
        return "IID"
    if pid == "shards":
        return "shards (%s classes)" % param(partitioner, "classes-per-client")
    if pid == "dirichlet":
        return "Dirichlet β=%s" % param(partitioner, "beta")
    return partitioner


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: federated_table.py RESULTS_CSV [ATTACK_ID]")
    attack = sys.argv[2] if len(sys.argv) == 3 else "pgd"
    groups = defaultdict(dict)
    order = []
    with open(sys.argv[1], newline="") as f:
        for r in csv.DictReader(f):
            if r["federated"] != "true" or spec_id(r["attack"]) != attack:
                continue
            lr = param(r["recipe"], "lr")
            wd = param(r["strategy"], "weight-decay") or param(r["recipe"], "wd")
            key = (spec_id(r["strategy"]), split_name(r["partitioner"]), r["share"], lr, wd)
            if key not in groups:
                order.append(key)
            groups[key][int(r["seed"])] = r  # the newest row of a seed wins (files are appended in time order)
    print("| strategy | split | sharing | lr, weight decay | natural, per seed | %s robust, per seed [95%% CI] | mean natural / robust |" % attack)
    print("|---|---|---|---|---|---|---|")
    strategies = ["fedavg", "fedprox", "fedmedian", "trimmed-mean", "calfat"]
    splits = ["IID", "shards", "Dirichlet β=0.1", "Dirichlet β=0.5"]

    def rank(key):
        strategy, split, share, lr, wd = key
        s = strategies.index(strategy) if strategy in strategies else len(strategies)
        p = next((i for i, name in enumerate(splits) if split.startswith(name)), len(splits))
        return (s, -float(lr), p, float(share))

    for key in sorted(order, key=rank):
        seeds = groups[key]
        cells_nat, cells_rob, nat, rob = [], [], [], []
        for s in sorted(seeds):
            r = seeds[s]
            if r["status"] != "ok":
                cells_nat.append("failed")
                cells_rob.append("failed")
                continue
            nat.append(float(r["natural_acc"]))
            rob.append(float(r["robust_acc"]))
            cells_nat.append("%.3f" % float(r["natural_acc"]))
            cells_rob.append("%.3f [%.3f, %.3f]" % (float(r["robust_acc"]), float(r["robust_low"]), float(r["robust_high"])))
        mean = "%.3f / %.3f" % (sum(nat) / len(nat), sum(rob) / len(rob)) if nat else "-"
        strategy, split, share, lr, wd = key
        print("| %s | %s | %s | %s, %s | %s | %s | %s |" % (strategy, split, share, lr, wd, " / ".join(cells_nat), " / ".join(cells_rob), mean))


if __name__ == "__main__":
    main()
