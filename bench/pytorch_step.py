#!/usr/bin/env python3
"""Plain-PyTorch reference of one robustgrid adversarial-training step, for `robustgrid bench`.

The step mirrors the Java harness (harness/.../train/LocalTrainer.java, StepBatch.java, Sgd.java,
model/ResNet18.java, Models.java and the pgd attack plugin) operation for operation:

  1. PGD-K on the model in eval mode (BatchNorm running statistics), input gradient only:
     x <- clip_[0,1](clip_[x0-eps, x0+eps](x0 + U(-eps, eps)))
     K times: x <- clip_[0,1](clip_[x0-eps, x0+eps](x + alpha * sign(grad_x CE(f(x), y))))
  2. noisy copy: clip_[0,1](x0 + N(0, sigma^2))
  3. soft labels: true class 1 - (C-1)a/C, every other class a/C
  4. model in train mode, one forward over cat([clean, adv, noisy]), soft-label cross-entropy mean
  5. zero the gradients, backward, SGD (momentum 0.9, weight decay 5e-4, lr 0.1, torch.optim.SGD)

The loss is summed on the device and read back to the host once, after the timed loop.
The last line printed is `images_per_second=<x>`: clean images of the batch per second of wall time
(batch * iterations / seconds of the timed loop).
"""

import argparse
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# The study's defaults (robustgrid Defaults.java and PgdProvider.java).
EPS = 8 / 255
ALPHA = 2 / 255
NOISE_SIGMA = 0.05
LABEL_SMOOTHING = 0.1
LEARNING_RATE = 0.1
MOMENTUM = 0.9
WEIGHT_DECAY = 5e-4
CLASSES = 10
CHANNELS = 3
SIDE = 32
# CIFAR-10 per-channel statistics on [0,1] (Cifar10.java).
CIFAR_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR_STD = (0.2470, 0.2435, 0.2616)
# Parameter count of the CIFAR ResNet-18 with width 64, 3 channels, 10 classes (ResNet18.java).
RESNET18_PARAMS = 11_173_962

ACTIVATIONS = {"relu": nn.ReLU, "silu": nn.SiLU, "gelu": nn.GELU, "hard-swish": nn.Hardswish}


class Normalize(nn.Module):
    """(x - mean) / std inside the network, so that attacks work on [0,1] pixels."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1))

    def forward(self, x):
        return (x - self.mean) / self.std


def conv(cin, cout, kernel, stride):
    return nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2, bias=False)


class BasicBlock(nn.Module):
    """act(bn(conv(act(bn(conv(x))))) + shortcut(x)); 1x1 conv + BN shortcut on a stride or width change."""

    def __init__(self, act, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), act(),
                                  conv(cout, cout, 3, 1), nn.BatchNorm2d(cout))
        self.shortcut = (nn.Identity() if stride == 1 and cin == cout
                         else nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout)))
        self.act = act()

    def forward(self, x):
        return self.act(self.main(x) + self.shortcut(x))


def resnet18(act, width=64, classes=CLASSES):
    """CIFAR ResNet-18: 3x3 stride-1 stem without max-pool, BasicBlocks [2,2,2,2], widths w..8w."""
    layers = [Normalize(CIFAR_MEAN, CIFAR_STD), conv(CHANNELS, width, 3, 1), nn.BatchNorm2d(width), act()]
    cin = width
    for stage in range(4):
        cout = width << stage
        for b in range(2):
            layers.append(BasicBlock(act, cin, cout, 2 if stage > 0 and b == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    net = nn.Sequential(*layers)
    # As Network.java: He-normal (fan-in) weights, zero biases, BatchNorm scale 1 and shift 0.
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return net


def project_linf(v, x0, eps):
    """Projection onto the L-inf ball around x0 intersected with [0,1] (Perturbations.projectLinf)."""
    return (v - x0).clamp(-eps, eps).add(x0).clamp(0, 1)


def pgd(model, params, x0, y, steps, stats):
    """PGD-K with random start on the cross-entropy, model in eval mode, input gradients only."""
    model.eval()
    for p in params:
        p.requires_grad_(False)
    try:
        with torch.no_grad():
            adv = project_linf(x0 + torch.empty_like(x0).uniform_(-EPS, EPS), x0, EPS)
        for _ in range(steps):
            xt = adv.detach().requires_grad_(True)
            loss = F.cross_entropy(model(xt), y)
            (grad,) = torch.autograd.grad(loss, xt)
            with torch.no_grad():
                if stats is not None:
                    stats["bad_input_grad"] += (~torch.isfinite(grad)).sum()
                # x <- Pi_{B_inf(x0, eps)}(x + alpha * sign(grad_x L))
                adv = project_linf(adv + ALPHA * grad.sign(), x0, EPS)
        return adv
    finally:
        for p in params:
            p.requires_grad_(True)


def train_step(model, params, opt, x, y, steps, stats):
    """One adversarial-training step; returns the loss as a device scalar (not read back)."""
    adv = pgd(model, params, x, y, steps, stats)
    with torch.no_grad():
        noisy = (x + torch.randn_like(x) * NOISE_SIGMA).clamp(0, 1)
        # soft label: true class 1 - (C-1)a/C, every other class a/C
        soft = F.one_hot(y, CLASSES).to(x.dtype) * (1 - LABEL_SMOOTHING) + LABEL_SMOOTHING / CLASSES
    model.train()
    logits = model(torch.cat([x, adv, noisy], 0))
    loss = -(F.log_softmax(logits, 1) * soft.repeat(3, 1)).sum(1).mean()
    # Zeroed in place rather than set to None, as the Java Sgd does (DJL accumulates into fixed arrays).
    opt.zero_grad(set_to_none=False)
    loss.backward()
    opt.step()
    return loss.detach()


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="resnet18", choices=["resnet18"])
    ap.add_argument("--batch", type=int, default=128, help="clean images per step (default 128)")
    ap.add_argument("--steps", type=int, default=10, help="PGD steps K (default 10)")
    ap.add_argument("--iterations", type=int, default=5, help="timed training steps (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed training steps first (default 1)")
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--activation", default="relu", choices=sorted(ACTIVATIONS))
    ap.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's own)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--channels-last", action="store_true",
                    help="model and images in channels-last memory format (robustgrid's layout where it measured it faster)")
    ap.add_argument("--profile", metavar="FILE",
                    help="write the autograd profiler's record of the timed steps to FILE (Chrome trace; bench/torch_ops.py sums it)")
    ap.add_argument("--check-finite", action="store_true",
                    help="count non-finite PGD input gradients; fail unless the loss and all gradients are finite")
    a = ap.parse_args(argv)
    for name in ("batch", "iterations"):
        if getattr(a, name) < 1:
            ap.error(f"--{name} is {getattr(a, name)}; expected an integer >= 1")
    for name in ("steps", "warmup"):
        if getattr(a, name) < 0:
            ap.error(f"--{name} is {getattr(a, name)}; expected an integer >= 0")
    if a.threads is not None and a.threads < 1:
        ap.error(f"--threads is {a.threads}; expected an integer >= 1")
    if a.device == "cuda" and not torch.cuda.is_available():
        ap.error("--device cuda, but this torch has no usable CUDA device; use --device cpu")
    return a


def main(argv):
    a = parse_args(argv)
    if a.threads is not None:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dev = torch.device(a.device)
    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)

    model = resnet18(ACTIVATIONS[a.activation]).to(dev)
    params = [p for p in model.parameters() if p.requires_grad]
    count = sum(p.numel() for p in params)
    opt = torch.optim.SGD(params, lr=LEARNING_RATE, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)

    # Random data made once before timing and reused by every iteration, as the Java bench does.
    x = torch.rand(a.batch, CHANNELS, SIDE, SIDE, device=dev)
    if a.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    y = torch.randint(0, CLASSES, (a.batch,), device=dev)

    print(f"torch={torch.__version__}")
    print(f"threads={torch.get_num_threads()} OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}"
          f" ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA', '-')}"
          f" GLIBC_TUNABLES={os.environ.get('GLIBC_TUNABLES', '-')}")
    print(f"device={dev}" + (f" ({torch.cuda.get_device_name(dev)})" if dev.type == "cuda" else ""))
    print(f"model={a.model} activation={a.activation} params={count} channels_last={a.channels_last}")
    print(f"batch={a.batch} pgd_steps={a.steps} warmup={a.warmup} iterations={a.iterations}")
    if a.model == "resnet18" and count != RESNET18_PARAMS:
        print(f"warning: params={count}, expected {RESNET18_PARAMS}", file=sys.stderr)

    stats = {"bad_input_grad": torch.zeros((), dtype=torch.long, device=dev)} if a.check_finite else None
    for _ in range(a.warmup):
        train_step(model, params, opt, x, y, a.steps, stats)
    loss_sum = torch.zeros((), device=dev)
    sync()
    # The same operator profiler robustgrid's --profile starts through DJL (the legacy one, not kineto).
    prof = torch.autograd.profiler.profile(record_shapes=True, use_kineto=False) if a.profile else None
    if prof is not None:
        prof.__enter__()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(a.iterations):
        loss_sum += train_step(model, params, opt, x, y, a.steps, stats)
    sync()
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(a.profile)

    mean_loss = loss_sum.item() / a.iterations
    # CPU seconds of this process beside wall seconds: on a shared machine their ratio shows how many
    # cores the run actually got.
    print(f"seconds={seconds:.3f} seconds_per_step={seconds / a.iterations:.3f} cpu_seconds={cpu_seconds:.3f}"
          f" mean_loss={mean_loss:.4f}")
    if a.check_finite:
        bad_grads = [n for n, p in model.named_parameters() if p.grad is None or not torch.isfinite(p.grad).all()]
        bad_params = [n for n, p in model.named_parameters() if not torch.isfinite(p).all()]
        bad_input = int(stats["bad_input_grad"].item())
        print(f"finite_check: loss_finite={math.isfinite(mean_loss)} nonfinite_weight_grads={len(bad_grads)}"
              f" nonfinite_weights={len(bad_params)} nonfinite_pgd_input_grad_values={bad_input}")
        if not math.isfinite(mean_loss) or bad_grads or bad_params or bad_input:
            print(f"error: non-finite values (loss {mean_loss}; first bad gradients {bad_grads[:3]})", file=sys.stderr)
            return 1
    print(f"images_per_second={a.batch * a.iterations / seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
