#!/usr/bin/env python3
"""Two attacks on the same images, per model, from a published folder's per-image outcomes (Markdown).

    python3 scripts/same_images.py results/fmnist \
        --labels /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz [REFERENCE [OTHER]]

REFERENCE and OTHER are attack ids (default: autoattack and apgd-ce). A grid may run an expensive attack
(AutoAttack) on the class-balanced first 1,000 test images (its `eval-limits`) and a cheaper one (APGD-CE)
on all 10,000; their rows' robust accuracies are then over different images and do not compare. This
script reads both attacks' per-image outcomes (per-image/EVAL_KEY.csv.gz beside results.csv) for every
model that has both, and compares them on the images both attacked. A per-image file numbers the images
of its own eval set, so where one attack had the whole test set and the other a limited set, the limited
set's test-set indices are rebuilt from the test labels (--labels, an IDX label file, gzipped or not) as
the harness draws it (Datasets.balancedHead: per class a quota, dealt round robin, filled in file order);
the script checks that both files then agree on every image's clean outcome and stops if they do not.

It prints per model: how many images, each attack's robust accuracy on them, OTHER minus REFERENCE, and
the images on which only one of the two found an adversarial example; then the mean over the models.
Standard library only.
"""
import argparse
import csv
import gzip
import os
import struct
import sys
from collections import defaultdict

from federated_table import spec_id


def outcomes(folder, eval_key):
    """Eval image -> (clean right, robust), or None if not stored; robust is AutoAttack's convention."""
    path = os.path.join(folder, "per-image", eval_key + ".csv.gz")
    if not os.path.exists(path):
        return None
    with gzip.open(path, "rt", newline="") as f:
        return {int(r["image"]): (r["clean"] == "1", r["robust"] == "1") for r in csv.DictReader(f)}


def read_labels(path):
    """The labels of an IDX1 file (magic 2049, big-endian count, one byte per label)."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic != 2049 or len(data) != 8 + count:
        sys.exit("%s is not an IDX label file (magic %d, %d bytes for %d labels)" % (path, magic, len(data), count))
    return list(data[8:])


def balanced_head(labels, n):
    """Test-set indices of the harness's class-balanced first-n subset (Datasets.balancedHead), in file order."""
    classes = max(labels) + 1
    available = [labels.count(c) for c in range(classes)]
    quota, taken = [0] * classes, 0
    while taken < n:  # round robin over the classes that still have images
        for c in range(classes):
            if taken < n and quota[c] < available[c]:
                quota[c] += 1
                taken += 1
    picked = []
    for i, label in enumerate(labels):
        if len(picked) < n and quota[label] > 0:
            quota[label] -= 1
            picked.append(i)
    return picked


def test_indices(outcome, labels, heads):
    """The outcomes keyed by test-set index: as they are for the whole test set, else rebuilt from the labels
    (heads: the balanced subsets drawn so far, by size, shared over the models)."""
    if labels is None or len(outcome) == len(labels):
        return outcome
    n = len(outcome)
    if n not in heads:
        heads[n] = balanced_head(labels, n)
    return {index: outcome[k] for k, index in enumerate(heads[n])}


def model_name(r):
    return "%s | %s | %s" % (spec_id(r["activation"]), spec_id(r["lr_schedule"]), r["seed"])


def main():
    parser = argparse.ArgumentParser(description="Two attacks on the same images, per model.")
    parser.add_argument("folder", help="a published folder: results.csv and per-image/")
    parser.add_argument("reference", nargs="?", default="autoattack")
    parser.add_argument("other", nargs="?", default="apgd-ce")
    parser.add_argument("--labels", help="the test set's IDX label file, for eval sets of different sizes")
    args = parser.parse_args()
    folder, reference, other = args.folder, args.reference, args.other
    labels = read_labels(args.labels) if args.labels else None
    rows = defaultdict(dict)  # model key -> attack id -> row
    with open(os.path.join(folder, "results.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["status"] == "ok" and spec_id(r["attack"]) in (reference, other):
                rows[r["model_key"]][spec_id(r["attack"])] = r
    lines, missing, heads = [], 0, {}
    for attacks in rows.values():
        if reference not in attacks or other not in attacks:
            continue
        ref = outcomes(folder, attacks[reference]["eval_key"])
        oth = outcomes(folder, attacks[other]["eval_key"])
        if ref is None or oth is None:
            missing += 1
            continue
        if len(ref) != len(oth) and labels is None:
            sys.exit("%s has %d eval images and %s %d; pass --labels with the test labels to line them up"
                     % (reference, len(ref), other, len(oth)))
        ref, oth = test_indices(ref, labels, heads), test_indices(oth, labels, heads)
        images = sorted(ref.keys() & oth.keys())
        if not images:
            continue
        apart = [i for i in images if ref[i][0] != oth[i][0]]
        if apart:
            sys.exit("%s: %s and %s disagree on the clean outcome of %d of %d images (test image %d first): "
                     "the eval sets do not line up" % (model_name(attacks[reference]), reference, other, len(apart),
                                                      len(images), apart[0]))
        n = len(images)
        ref_acc = sum(ref[i][1] for i in images) / n
        oth_acc = sum(oth[i][1] for i in images) / n
        only_ref = sum(oth[i][1] and not ref[i][1] for i in images)  # only the reference broke it
        only_oth = sum(ref[i][1] and not oth[i][1] for i in images)  # only the other broke it
        lines.append((model_name(attacks[reference]), n, ref_acc, oth_acc, only_ref, only_oth))
    if not lines:
        sys.exit("no model in %s has per-image outcomes of both %s and %s" % (folder, reference, other))
    lines.sort()
    print("| activation | lr | seed | images | %s | %s | difference | only %s broke | only %s broke |"
          % (reference, other, reference, other))
    print("|---|---|---|---|---|---|---|---|---|")
    for name, n, ref_acc, oth_acc, only_ref, only_oth in lines:
        print("| %s | %s | %.4f | %.4f | %+.4f | %d | %d |"
              % (name, format(n, ","), ref_acc, oth_acc, oth_acc - ref_acc, only_ref, only_oth))
    diffs = [oth_acc - ref_acc for _, _, ref_acc, oth_acc, _, _ in lines]
    print("\nmean %s minus %s over %d models: %+.4f (from %+.4f to %+.4f)"
          % (other, reference, len(lines), sum(diffs) / len(diffs), min(diffs), max(diffs)))
    if missing:
        print("%d model%s without stored per-image outcomes, left out" % (missing, "" if missing == 1 else "s"))


if __name__ == "__main__":
    main()
