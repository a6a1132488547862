#!/usr/bin/env python3
"""Sums oneDNN's verbose execution lines (ONEDNN_VERBOSE=1) by primitive, direction and kernel.

    bench/onednn_breakdown.py [--last-of K] LOG [LOG2]

With one log: a table of total milliseconds, calls and kernel per (primitive, direction, shape).
With two (robustgrid's and PyTorch's runs of the same work): the two side by side, biggest
difference first, so the primitives where one engine spends more time stand out. Reads oneDNN 2.x
(`onednn_verbose,exec,cpu,...`) and 3.x (`onednn_verbose,v1,primitive,exec,cpu,...`) lines; the last
field of an exec line is its time in ms. Lines of the untimed warm-up are included: give both sides
the same work, or pass --last-of K when each log holds K identical training steps (warm-up and timed
ones): only the last K-th of each log's exec lines is counted, the steady state after the first steps
(which also pay for first-touch page faults and kernel generation).
"""
import collections
import sys


def read(path, last_of=1):
    total = collections.defaultdict(float)
    calls = collections.Counter()
    kernels = collections.defaultdict(set)
    with open(path, errors="replace") as f:
        lines = [l for l in f if (l.startswith("onednn_verbose") or l.startswith("dnnl_verbose")) and ",exec," in l]
    for line in lines[len(lines) - len(lines) // last_of:]:
        fields = line.rstrip("\n").split(",")
        i = fields.index("exec")
        try:
            ms = float(fields[-1])
        except ValueError:
            continue
        kind, impl, prop = fields[i + 2], fields[i + 3], fields[i + 4]
        shape = "" if kind == "reorder" else fields[-2]
        key = (kind, prop, shape)
        total[key] += ms
        calls[key] += 1
        kernels[key].add(impl)
    return total, calls, kernels


def main(argv):
    args = argv[1:]
    last_of = 1
    if len(args) >= 2 and args[0] == "--last-of":
        if not args[1].isdigit() or int(args[1]) < 1:
            print(f"onednn_breakdown.py: --last-of is '{args[1]}'; expected an integer >= 1", file=sys.stderr)
            return 2
        last_of = int(args[1])
        args = args[2:]
    if len(args) not in (1, 2):
        print("usage: " + __doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    sides = [read(p, last_of) for p in args]
    keys = set().union(*[s[0].keys() for s in sides])
    if len(sides) == 1:
        t, c, k = sides[0]
        print(f"{'ms':>10} {'calls':>6}  primitive / direction / shape / kernel")
        for key in sorted(keys, key=lambda x: -t[x]):
            print(f"{t[key]:10.1f} {c[key]:6d}  {' '.join(key)}  {'|'.join(sorted(k[key]))}")
        print(f"{sum(t.values()):10.1f} {sum(c.values()):6d}  total")
        return 0
    (ta, ca, ka), (tb, cb, kb) = sides
    print(f"{'A ms':>9} {'B ms':>9} {'A-B':>8} {'A n':>5} {'B n':>5}  primitive / direction / shape / kernels A ; B")
    for key in sorted(keys, key=lambda x: -abs(ta[x] - tb[x])):
        print(f"{ta[key]:9.1f} {tb[key]:9.1f} {ta[key] - tb[key]:8.1f} {ca[key]:5d} {cb[key]:5d}  {' '.join(key)}  "
              f"{'|'.join(sorted(ka[key]))} ; {'|'.join(sorted(kb[key]))}")
    by_kind = collections.defaultdict(lambda: [0.0, 0.0])
    for key in keys:
        by_kind[(key[0], key[1])][0] += ta[key]
        by_kind[(key[0], key[1])][1] += tb[key]
    print()
    print(f"{'A ms':>9} {'B ms':>9}  primitive / direction")
    for kd, (a, b) in sorted(by_kind.items(), key=lambda x: -x[1][0]):
        print(f"{a:9.1f} {b:9.1f}  {' '.join(kd)}")
    print(f"{sum(ta.values()):9.1f} {sum(tb.values()):9.1f}  total in oneDNN")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
