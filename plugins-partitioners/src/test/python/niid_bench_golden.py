#!/usr/bin/python3
"""Golden statistics for NiidBenchParityTest: NIID-Bench's label-Dirichlet and quantity-skew splits,
reimplemented in numpy from their description (Xtra-Computing/NIID-Bench, utils.py,
partition_data: 'noniid-labeldir' and 'iid-diff-quantity'), run over many seeds.

noniid-labeldir: repeat { for each class k in order: shuffle its examples; p ~ Dir(beta * 1_n);
  balance step: p_j = 0 for every client j already holding >= N/n examples; p /= sum(p); cut the
  class at floor(cumsum(p) * n_k)[:-1] } until the smallest client holds >= 10 examples.
iid-diff-quantity: repeat { p ~ Dir(beta * 1_n) } until min(p * N) >= 10; cut a random permutation
  of all examples at floor(cumsum(p) * N)[:-1].

Which example goes where inside a class never changes a statistic below, so the label-Dirichlet split
is computed on counts. Labels: N = 10,000, ten classes of 1,000 (CIFAR-10's balance at a fifth of
its size), 10 clients, numpy's legacy RandomState seeded 0..SEEDS-1 as NIID-Bench seeds np.random.

Per split: client sizes sorted ascending (size_r, r = 0..9), the mean over clients of the number of
classes a client holds (classes), and the mean over clients of the share of its largest class
(max_share). Written: mean, standard deviation and kurtosis (m4 / m2^2, 3 for a normal) over the
seeds of each; the kurtosis gives the standard error of the standard deviation, about
sd * sqrt((kurtosis - 1) / (4 * seeds)).

Run: /usr/bin/python3 niid_bench_golden.py; rewrites
../resources/org/robustgrid/partitioners/niid-bench-golden.txt next to this script.
"""
import os

import numpy as np

CLASSES = 10
PER_CLASS = 1000
CLIENTS = 10
MIN_REQUIRE = 10
SEEDS = 2000
CONFIGS = [("dirichlet", 0.1), ("dirichlet", 0.5), ("dirichlet", 1.0),
           ("quantity-skew", 0.5), ("quantity-skew", 0.1)]


def labeldir_counts(rng, beta):
    """counts[j, k]: examples of class k held by client j."""
    total = CLASSES * PER_CLASS
    min_size = 0
    while min_size < MIN_REQUIRE:
        counts = np.zeros((CLIENTS, CLASSES), dtype=np.int64)
        for k in range(CLASSES):
            p = rng.dirichlet(np.repeat(beta, CLIENTS))
            held = counts.sum(axis=1)
            p = p * (held < total / CLIENTS)
            p = p / p.sum()
            cuts = (np.cumsum(p) * PER_CLASS).astype(int)[:-1]
            bounds = np.concatenate(([0], cuts, [PER_CLASS]))
            counts[:, k] = np.diff(bounds)
            min_size = counts.sum(axis=1).min()
    return counts


def diff_quantity_counts(rng, beta, labels):
    total = len(labels)
    min_size = 0
    while min_size < MIN_REQUIRE:
        p = rng.dirichlet(np.repeat(beta, CLIENTS))
        p = p / p.sum()
        min_size = np.min(p * total)
    order = rng.permutation(total)
    cuts = (np.cumsum(p) * total).astype(int)[:-1]
    counts = np.zeros((CLIENTS, CLASSES), dtype=np.int64)
    for j, part in enumerate(np.split(order, cuts)):
        counts[j] = np.bincount(labels[part], minlength=CLASSES)
    return counts


def statistics(counts):
    sizes = counts.sum(axis=1)
    classes = (counts > 0).sum(axis=1).mean()
    max_share = (counts.max(axis=1) / np.maximum(sizes, 1)).mean()
    return list(np.sort(sizes).astype(float)) + [classes, max_share]


def main():
    labels = np.repeat(np.arange(CLASSES), PER_CLASS)
    names = ["size_%d" % r for r in range(CLIENTS)] + ["classes", "max_share"]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "resources", "org", "robustgrid", "partitioners", "niid-bench-golden.txt")
    with open(out, "w", encoding="ascii") as f:
        f.write("# NIID-Bench split statistics: plugins-partitioners/src/test/python/niid_bench_golden.py\n")
        f.write("# numpy %s, RandomState seeds 0..%d; N=%d (%d classes x %d), %d clients, min size %d\n"
                % (np.__version__, SEEDS - 1, CLASSES * PER_CLASS, CLASSES, PER_CLASS, CLIENTS, MIN_REQUIRE))
        f.write("# partitioner<TAB>beta<TAB>statistic<TAB>mean over seeds<TAB>sd over seeds<TAB>kurtosis<TAB>seeds\n")
        for pid, beta in CONFIGS:
            rows = []
            for seed in range(SEEDS):
                rng = np.random.RandomState(seed)
                counts = labeldir_counts(rng, beta) if pid == "dirichlet" else diff_quantity_counts(rng, beta, labels)
                rows.append(statistics(counts))
            rows = np.array(rows)
            for i, name in enumerate(names):
                v = rows[:, i]
                m2 = ((v - v.mean()) ** 2).mean()
                kurtosis = ((v - v.mean()) ** 4).mean() / m2 ** 2 if m2 > 0 else 3.0
                f.write("%s\t%g\t%s\t%.6f\t%.6f\t%.4f\t%d\n"
                        % (pid, beta, name, v.mean(), v.std(ddof=1), kurtosis, SEEDS))
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
