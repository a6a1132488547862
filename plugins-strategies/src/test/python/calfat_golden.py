#!/usr/bin/python3
"""Golden values for CalFatParityTest: CalFAT's calibrated loss, its gradient with respect to the
logits, and its calibrated KL attack, on fixed tensors, computed with PyTorch in float32.

What is computed follows the authors' code (github.com/cc233/CalFAT, fat.py and utils.py), written
out here from its description rather than copied:
  * class counts n_k of the client, a class the client lacks counted as 1 (record_net_data_stats);
  * calibrated logits c(z) = z + tau * log(n_k + 1e-7), tau = 0.1 (maxMarginLoss, maxMarginLoss_kl);
  * local loss = mean cross-entropy of s * c(z) against the labels, s = 10, on the adversarial batch;
  * attack (kl_adv), model in eval mode: x' = x + 0.001 * N(0, I), not clipped; then each step
    x' <- clip_[0,1](clip_[x-eps, x+eps](x' + step * sign(grad_x' KL_sum(softmax c(f(x)) || softmax c(f(x'))))))
    with eps = 8/255, step = 2/255 (CIFAR-10), KLDivLoss(size_average=False) on log_softmax c(f(x')).
The model is a fixed linear map, logits = flatten(x) @ W + b, so that the Java test can build the same
model from the weights written here.

Run from anywhere: /usr/bin/python3 calfat_golden.py; it rewrites
../resources/org/robustgrid/strategies/calfat-golden.txt next to this script.
"""
import os

import torch
import torch.nn.functional as F

TAU = 0.1
SCALE = 10.0
COUNT_EPSILON = 1e-7
EPS = 8.0 / 255
STEP = 2.0 / 255
START_STD = 0.001

N, C, H, W = 6, 1, 4, 4
K = 10
COUNTS = [500, 0, 37, 1, 1200, 0, 8, 90, 3, 61]
LABELS = [0, 1, 4, 9, 5, 2]


def calibrate(z, counts):
    present = torch.tensor([float(c) if c > 0 else 1.0 for c in counts], dtype=torch.float32)
    return z + TAU * torch.log(present + COUNT_EPSILON)


def calibrated_loss(z, y, counts):
    return F.cross_entropy(SCALE * calibrate(z, counts), y)


def attack(weight, bias, x, start, counts, steps):
    """Returns x' after `steps` steps and the smallest sign margin met: min over pixels j of
    |dKL/dx'_j| / sum_k |W_jk| |dKL/dz_k|, how far each gradient is from a tie relative to the terms
    that make it; float32 rounding is about 1e-7 of those terms, so a margin far above that means
    every sign is the same in any float32 implementation."""
    def logits(v):
        return v.reshape(v.shape[0], -1) @ weight + bias

    target = F.softmax(calibrate(logits(x), counts), dim=1).detach()
    adv = start.clone()
    smallest = float("inf")
    for _ in range(steps):
        adv.requires_grad_(True)
        z = logits(adv)
        kl = F.kl_div(F.log_softmax(calibrate(z, counts), dim=1), target, reduction="sum")
        grad, grad_z = torch.autograd.grad(kl, [adv, z])
        terms = grad_z.abs() @ weight.abs().T
        smallest = min(smallest, (grad.reshape(terms.shape).abs() / terms).min().item())
        adv = adv.detach() + STEP * torch.sign(grad)
        adv = torch.min(torch.max(adv, x - EPS), x + EPS).clamp(0.0, 1.0)
    return adv, smallest


def line(name, t):
    t = t.detach().reshape(-1)
    return name + "\t" + " ".join("%.9g" % v for v in t.tolist()) + "\n"


def main():
    torch.manual_seed(20221128)
    z = (2.0 * torch.randn(N, K)).float()
    y = torch.tensor(LABELS, dtype=torch.long)
    zt = z.clone().requires_grad_(True)
    loss = calibrated_loss(zt, y, COUNTS)
    grad_z, = torch.autograd.grad(loss, [zt])

    weight = (0.5 * torch.randn(C * H * W, K)).float()
    bias = (0.1 * torch.randn(K)).float()
    # some pixels at the box edges, so that the [0,1] clip acts as well as the eps-ball
    x = (1.2 * torch.rand(N, C, H, W) - 0.1).clamp(0.0, 1.0)
    noise = START_STD * torch.randn(N, C, H, W)
    start = x + noise
    adv1, min1 = attack(weight, bias, x, start, COUNTS, 1)
    adv10, min10 = attack(weight, bias, x, start, COUNTS, 10)

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "resources", "org", "robustgrid", "strategies", "calfat-golden.txt")
    with open(out, "w", encoding="ascii") as f:
        f.write("# CalFAT parity golden values: plugins-strategies/src/test/python/calfat_golden.py\n")
        f.write("# torch %s, float32; tau=%g scale=%g eps=8/255 step=2/255 start-std=%g\n"
                % (torch.__version__, TAU, SCALE, START_STD))
        f.write("# smallest sign margin |dKL/dx'_j| / sum_k |W_jk dKL/dz_k|: 1-step attack %.3g, 10-step attack %.3g\n" % (min1, min10))
        f.write("# name<TAB>values, row-major; shapes: logits and grad (%d,%d), x (%d,%d,%d,%d), weight (%d,%d)\n"
                % (N, K, N, C, H, W, C * H * W, K))
        f.write(line("counts", torch.tensor(COUNTS, dtype=torch.float64)))
        f.write(line("labels", y.double()))
        f.write(line("logits", z))
        f.write(line("loss", loss.reshape(1)))
        f.write(line("grad", grad_z))
        f.write(line("weight", weight))
        f.write(line("bias", bias))
        f.write(line("x", x))
        f.write(line("noise", noise))
        f.write(line("adv1", adv1))
        f.write(line("adv10", adv10))
    print("wrote", os.path.normpath(out), "loss", loss.item(), "sign margins", min1, min10)


if __name__ == "__main__":
    main()
