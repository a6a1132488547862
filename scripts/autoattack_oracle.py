#!/usr/bin/env python3
"""Golden values from AutoAttack's reference implementation (github fra31/auto-attack, MIT).

The reference's code is not part of robustgrid: this script imports it from a temporary checkout
made at run time. Run with Debian's python3-torch (1.13), from the repository root:

    rm -rf /tmp/aa && mkdir -p /tmp/aa && \
      git --git-dir=/work/.mirror/fra31+auto-attack/repo archive HEAD 'autoattack/*.py' | tar -x -C /tmp/aa
    /usr/bin/python3 scripts/autoattack_oracle.py /tmp/aa [--parity]

It writes plugins-attacks/src/test/resources/autoattack/golden.txt: the deterministic parts that
AutoAttackGoldenTest matches (DLR and targeted DLR values and gradients, APGD runs from a given
start, FAB runs without random start, FAB's projections onto a hyperplane in L-inf and L2, Square's
p schedule, and Square L2's window, window sides, start and first proposal from scripted draws). With --parity it also writes parity.txt and the small model of the statistical
parity test (AutoAttackParityTest): per-image outcomes of each attack and of the standard
composite on the first 500 Fashion-MNIST test images; and parity-l2.txt.gz: Square L2 and the standard
composite at L2 0.5 on an MLP of the same images at 28x28 (--parity-l2 writes only this one).
Every array is float32, as robustgrid computes.

File format: one array per line, 'name dim1xdim2...: v v v ...' (a scalar has shape '-').
"""
import sys
from pathlib import Path

import torch
import torch.nn as nn

OUT = Path("plugins-attacks/src/test/resources/autoattack")


def fmt(name, t):
    t = torch.as_tensor(t)
    shape = "x".join(str(d) for d in t.shape) or "-"
    vals = " ".join(repr(float(v)) if t.is_floating_point() else str(int(v)) for v in t.flatten().tolist())
    return f"{name} {shape}: {vals}\n"


class Mlp(nn.Module):
    """(N, C, H, W) -> flatten -> linear -> ReLU -> linear: the model both sides build."""

    def __init__(self, inputs, hidden, classes):
        super().__init__()
        self.l1 = nn.Linear(inputs, hidden)
        self.l2 = nn.Linear(hidden, classes)

    def forward(self, x):
        return self.l2(torch.relu(self.l1(x.reshape(x.shape[0], -1))))

    def dump(self, prefix):
        return (fmt(prefix + ".w1", self.l1.weight.detach()) + fmt(prefix + ".b1", self.l1.bias.detach())
                + fmt(prefix + ".w2", self.l2.weight.detach()) + fmt(prefix + ".b2", self.l2.bias.detach()))


def deterministic(aa):
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted
    from autoattack.fab_pt import FABAttack_PT
    from autoattack.fab_projections import projection_linf, projection_l2
    from autoattack.square import SquareAttack

    out = []
    torch.manual_seed(0)
    # DLR and targeted DLR on fixed logits, values and gradients with respect to the logits
    logits = torch.randn(8, 10) * 3
    logits[3, 5] = logits[3, 2]  # a tie among the top classes
    y = torch.tensor([0, 1, 2, 3, 4, 5, 6, 7])
    y[1] = int(logits[1].argmax())  # a correctly classified point
    apgd = APGDAttack(lambda x: x, eps=0.1, loss="dlr")
    z = logits.clone().requires_grad_()
    v = apgd.dlr_loss(z, y)
    v.sum().backward()
    out += [fmt("dlr.logits", logits), fmt("dlr.y", y), fmt("dlr.value", v.detach()), fmt("dlr.grad", z.grad)]
    apgdt = APGDAttack_targeted(lambda x: x, eps=0.1)
    target = logits.sort(dim=1)[1][:, -2]
    apgdt.y_target = target
    z = logits.clone().requires_grad_()
    v = apgdt.dlr_loss_targeted(z, y)
    v.sum().backward()
    out += [fmt("dlrt.target", target), fmt("dlrt.value", v.detach()), fmt("dlrt.grad", z.grad)]

    # APGD from a given start on a small fixed model: the checkpoint schedule and the step-size rule
    torch.manual_seed(1)
    model = Mlp(36, 16, 10)
    x = torch.rand(8, 1, 6, 6)
    y = model(x).argmax(1)
    y[6] = (y[6] + 1) % 10  # a misclassified point
    out += [model.dump("net"), fmt("apgd.x", x), fmt("apgd.y", y)]
    for norm, eps in (("Linf", 0.05), ("L2", 0.3)):
        t = torch.rand(x.shape) * 2 - 1
        if norm == "Linf":
            start = (x + eps * t / t.abs().reshape(8, -1).max(1)[0].view(-1, 1, 1, 1)).clamp(0, 1)
        else:
            start = (x + eps * t / t.reshape(8, -1).norm(dim=1).view(-1, 1, 1, 1)).clamp(0, 1)
        out.append(fmt(f"apgd.{norm}.start", start))
        for loss in ("ce", "dlr", "dlr-targeted"):
            a = (APGDAttack_targeted(model, n_iter=20, norm=norm, eps=eps) if loss == "dlr-targeted"
                 else APGDAttack(model, n_iter=20, norm=norm, eps=eps, loss=loss))
            a.init_hyperparam(x)
            if loss == "dlr-targeted":
                a.y_target = model(x).sort(dim=1)[1][:, -3]
                out.append(fmt(f"apgd.{norm}.{loss}.target", a.y_target))
            x_best, acc, loss_best, x_best_adv = a.attack_single_run(x, y, x_init=start)
            out += [fmt(f"apgd.{norm}.{loss}.xbest", x_best), fmt(f"apgd.{norm}.{loss}.acc", acc.long()),
                    fmt(f"apgd.{norm}.{loss}.lossbest", loss_best), fmt(f"apgd.{norm}.{loss}.xbestadv", x_best_adv)]
    out.append(fmt("apgd.checkpoint.constants.100", torch.tensor([apgd.n_iter_2, apgd.n_iter_min, apgd.size_decr])))

    # FAB without random start (one restart) is deterministic
    for norm, eps in (("Linf", 0.05), ("L2", 0.3)):
        for targeted in (False, True):
            fab = FABAttack_PT(model, norm=norm, n_restarts=1, n_iter=20, eps=eps, targeted=targeted, n_target_classes=3)
            adv = fab.perturb(x, y)
            out.append(fmt(f"fab.{norm}.{'targeted' if targeted else 'untargeted'}.adv", adv))

    # FAB's projection onto the hyperplane w.x = b, L-inf and L2, of points in [0,1]^d
    torch.manual_seed(2)
    pts = torch.rand(12, 20)
    w = torch.randn(12, 20)
    w[0, :5] = 0  # flat directions
    w[1] = 0
    b = torch.randn(12) * 2
    b[2] = (w[2] * pts[2]).sum()  # a point on the plane
    b[3] = 50.0  # a plane the box cannot reach
    out += [fmt("proj.points", pts), fmt("proj.w", w), fmt("proj.b", b),
            fmt("proj.linf", projection_linf(pts, w, b)), fmt("proj.l2", projection_l2(pts, w, b))]

    # Square's p schedule, as AutoAttack runs it (5,000 queries, not rescaled) and rescaled
    for queries, rescale in ((5000, False), (1000, True)):
        sq = SquareAttack(lambda x: x, p_init=0.8, n_queries=queries, eps=0.1, resc_schedule=rescale)
        its = torch.arange(queries)
        out.append(fmt(f"square.p.{queries}.{'rescaled' if rescale else 'plain'}",
                       torch.tensor([sq.p_selection(int(i)) for i in its])))
    out += square_l2()
    return out


def square_l2():
    """Square's L2 branch: its window (eta), its window-side schedule and one step from a scripted draw.

    The reference draws its randomness from three places; the script replaces each with a queue of given
    values (random_int, random_choice, and torch.rand, which only eta's coin for transposing reads here)
    and records the model's inputs, so the start and the first proposal are deterministic.
    """
    from autoattack.square import SquareAttack

    out = []
    real_rand = torch.rand
    try:
        # eta(s), not transposed: torch.rand reads 0
        torch.rand = lambda *a, **k: torch.zeros(1)
        sq = SquareAttack(lambda x: x, norm="L2", eps=0.5, n_queries=10)
        sq.init_hyperparam(torch.zeros(1, 1, 8, 8))
        for s in range(3, 30, 2):
            out.append(fmt(f"square.l2.eta.{s}", sq.eta(s)))
    finally:
        torch.rand = real_rand

    # the window side at every query of AutoAttack's 5,000 (schedule not rescaled): the reference draws a
    # window corner with random_int(0, h - s), so the side is h minus that bound; the model is never fooled
    for c, h in ((1, 28), (3, 32)):
        sq = SquareAttack(lambda x: torch.tensor([[100.0, 0.0]]).repeat(x.shape[0], 1), norm="L2", eps=0.5,
                          n_queries=5000, p_init=0.8, resc_schedule=False)
        bounds = []
        real_int = sq.random_int

        def record(low=0, high=1, shape=[1], real_int=real_int, bounds=bounds):
            bounds.append(high)
            return real_int(low, high, shape)

        sq.random_int = record
        x = torch.rand(1, c, h, h)
        sq.init_hyperparam(x)
        sq.attack_single_run(x, torch.zeros(1, dtype=torch.long))
        # four draws per query: two corners of the new window, two of the one it clears
        out.append(fmt(f"square.l2.side.{c}x{h}x{h}", torch.tensor([h - b for b in bounds[0::4]])))

    # the start and the first proposal from scripted draws, two images of 3x16x16, p_init 0.1 (window side 5)
    torch.manual_seed(3)
    model = Mlp(3 * 16 * 16, 16, 10)
    x = torch.rand(2, 3, 16, 16)
    y = model(x).argmax(1)
    seen = []

    def predict(t):
        seen.append(t.clone())
        return model(t)

    sq = SquareAttack(predict, norm="L2", eps=0.5, n_queries=1, p_init=0.1)
    sq.init_hyperparam(x)
    ints = [3, 7, 6, 2]  # corners: (3, 7) of the new window, (6, 2) of the one cleared
    signs = [torch.where(torch.rand(2, 3, 1, 1) > 0.5, 1.0, -1.0) for _ in range(26)]
    coins = [torch.tensor([0.75 if (k % 3) == 0 else 0.25]) for k in range(26)]
    queue = {"int": list(ints), "sign": list(signs), "coin": list(coins)}
    sq.random_int = lambda low=0, high=1, shape=[1]: torch.tensor([queue["int"].pop(0)]).long()
    sq.random_choice = lambda shape: queue["sign"].pop(0)
    real_rand = torch.rand
    try:
        torch.rand = lambda *a, **k: queue["coin"].pop(0)
        sq.attack_single_run(x, y)
    finally:
        torch.rand = real_rand
    assert not queue["int"] and not queue["sign"] and not queue["coin"], "the script's draws were not all read"
    out += [model.dump("sql2.net"), fmt("sql2.x", x), fmt("sql2.ints", torch.tensor(ints)),
            fmt("sql2.signs", torch.stack(signs)), fmt("sql2.coins", torch.stack(coins)),
            fmt("sql2.start", seen[0]), fmt("sql2.proposal", seen[1])]
    return out


def main():
    sys.path.insert(0, sys.argv[1])
    torch.set_num_threads(1)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "golden.txt").write_text("".join(deterministic(sys.argv[1])))
    if "--parity" in sys.argv:
        sys.path.insert(0, str(Path(__file__).parent))
        import autoattack_parity
        autoattack_parity.run(OUT, fmt, Mlp)
    if "--parity" in sys.argv or "--parity-l2" in sys.argv:
        sys.path.insert(0, str(Path(__file__).parent))
        import autoattack_parity
        autoattack_parity.run_l2(OUT, fmt, Mlp)


if __name__ == "__main__":
    main()
