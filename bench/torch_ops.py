#!/usr/bin/env python3
"""Sums a libtorch operator profile (Chrome trace) by operator: self time, calls, and the time the
operator spent including what it called.

    bench/torch_ops.py [--top N] TRACE [TRACE2]

TRACE is what `robustgrid bench --profile FILE` or `bench/pytorch_step.py --profile FILE` wrote for the
same work. With two traces (robustgrid's and PyTorch's), the operators are side by side, biggest
difference in self time first. An operator's self time is its duration less that of the operators it
called on the same thread; oneDNN's kernels run inside aten::mkldnn_convolution and its backward.
The profiler's own overhead is in every number: compare operators, not throughput.
"""
import collections
import json
import sys


def events(path):
    with open(path) as f:
        data = json.load(f)
    if isinstance(data, dict):
        data = data.get("traceEvents", [])
    return [e for e in data if e.get("ph") == "X" and "dur" in e]


def summarize(path):
    selfs = collections.defaultdict(list)
    self_us = collections.defaultdict(float)
    total_us = collections.defaultdict(float)
    calls = collections.Counter()
    by_thread = collections.defaultdict(list)
    for e in events(path):
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, time of its children, its duration]
        for e in evs:
            ts, dur, name = float(e["ts"]), float(e["dur"]), e["name"]
            while stack and stack[-1][0] <= ts:
                done = stack.pop()
                selfs[done[1]].append(done[3] - done[2])
            if stack:
                stack[-1][2] += dur
            stack.append([ts + dur, name, 0.0, dur])
            total_us[name] += dur
            calls[name] += 1
        while stack:
            done = stack.pop()
            selfs[done[1]].append(done[3] - done[2])
    for name, xs in selfs.items():
        self_us[name] = sum(xs)
    return self_us, total_us, calls, selfs


def typical(xs):
    """Calls times the median self time: on a shared machine a few calls that lost their core to
    another process inflate the sum, not this."""
    xs = sorted(xs)
    return len(xs) * xs[len(xs) // 2] if xs else 0.0


def main(argv):
    args = argv[1:]
    top = 40
    if len(args) >= 2 and args[0] == "--top":
        if not args[1].isdigit():
            print(f"torch_ops.py: --top is '{args[1]}'; expected a positive integer", file=sys.stderr)
            return 2
        top, args = int(args[1]), args[2:]
    if len(args) not in (1, 2):
        print("usage: " + __doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    try:
        sides = [summarize(p) for p in args]
    except (OSError, ValueError, KeyError) as e:
        print(f"torch_ops.py: cannot read a trace: {e}; expected the JSON that --profile writes", file=sys.stderr)
        return 2
    names = set().union(*[s[0].keys() for s in sides])
    if len(sides) == 1:
        s, t, c, x = sides[0]
        print(f"{'self ms':>10} {'typical':>10} {'total ms':>10} {'calls':>7}  operator")
        for n in sorted(names, key=lambda n: -s[n])[:top]:
            print(f"{s[n] / 1e3:10.1f} {typical(x[n]) / 1e3:10.1f} {t[n] / 1e3:10.1f} {c[n]:7d}  {n}")
        print(f"{sum(s.values()) / 1e3:10.1f} {sum(typical(v) for v in x.values()) / 1e3:10.1f} {'':>10} {sum(c.values()):7d}"
              "  all operators")
        return 0
    (sa, _, ca, xa), (sb, _, cb, xb) = sides
    ta = {n: typical(xa.get(n, [])) for n in names}
    tb = {n: typical(xb.get(n, [])) for n in names}
    print("self: summed self time; typical: calls x median self time (robust to calls that lost their core)")
    print(f"{'A self':>9} {'B self':>9} {'A typ':>9} {'B typ':>9} {'typ A-B':>8} {'A calls':>7} {'B calls':>7}  operator (ms)")
    for n in sorted(names, key=lambda n: -abs(ta[n] - tb[n]))[:top]:
        print(f"{sa[n] / 1e3:9.1f} {sb[n] / 1e3:9.1f} {ta[n] / 1e3:9.1f} {tb[n] / 1e3:9.1f} {(ta[n] - tb[n]) / 1e3:8.1f}"
              f" {ca[n]:7d} {cb[n]:7d}  {n}")
    print(f"{sum(sa.values()) / 1e3:9.1f} {sum(sb.values()) / 1e3:9.1f} {sum(ta.values()) / 1e3:9.1f} {sum(tb.values()) / 1e3:9.1f}"
          f" {(sum(ta.values()) - sum(tb.values())) / 1e3:8.1f} {sum(ca.values()):7d} {sum(cb.values()):7d}  all operators")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
