#!/usr/bin/env python3
"""A small PyTorch model as TorchScript, traced and scripted, with PyTorch's logits and input gradients.

Run with Debian's python3-torch, from the repository root:
    /usr/bin/python3 scripts/torchscript_oracle.py
It writes into harness/src/test/resources/torchscript/:
  small-traced.pt, small-scripted.pt  one module (conv-BN-softplus, residual conv, pooling, linear; the
                                      input normalization inside) saved by torch.jit.trace and torch.jit.script,
                                      taking (N, 3, 8, 8) images in [0,1] and returning 10 logits
  golden.txt                          fixed images and labels, the eval-mode logits, and the gradient of the
                                      mean cross-entropy with respect to the images, in float32
  small-scripted-train-mode.pt        the module scripted in training mode (the harness must evaluate it in eval mode)
  noisy.pt                            the module plus fresh Gaussian noise on every pass (a randomized defence)
  one-channel.pt                      a module for (N, 1, 8, 8) images
  five-classes.pt                     a module with 5 logits
  tuple-out.pt                        a module returning (logits, features), not a tensor
TorchScriptTest compares the harness's logits and input gradients with golden.txt (1e-5 relative).
"""
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = Path("harness/src/test/resources/torchscript")
SHAPE = (4, 3, 8, 8)


class Small(nn.Module):
    def __init__(self, channels=3, classes=10):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.5, 0.4, 0.3][:channels]).view(1, channels, 1, 1))
        self.register_buffer("std", torch.tensor([0.25, 0.2, 0.3][:channels]).view(1, channels, 1, 1))
        self.conv1 = nn.Conv2d(channels, 6, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(6)
        self.conv2 = nn.Conv2d(6, 6, 3, padding=1)
        self.fc = nn.Linear(6 * 4 * 4, classes)

    def forward(self, x):
        return self.logits(x)

    def logits(self, x):
        x = (x - self.mean) / self.std
        h = F.softplus(self.bn1(self.conv1(x)))
        h = h + F.softplus(self.conv2(h))
        h = F.avg_pool2d(h, 2)
        return self.fc(torch.flatten(h, 1))


class Noisy(Small):
    def forward(self, x):
        return self.logits(x + 0.05 * torch.randn_like(x))


class TupleOut(Small):
    def forward(self, x):
        logits = self.logits(x)
        return logits, logits.sum(1)


def made(cls, **kw):
    torch.manual_seed(0)
    m = cls(**kw)
    with torch.no_grad():
        # statistics and an affine map far from the initial ones, so that eval mode differs from train mode
        m.bn1.running_mean.uniform_(-0.5, 0.5)
        m.bn1.running_var.uniform_(0.5, 2.0)
        m.bn1.weight.uniform_(0.5, 1.5)
        m.bn1.bias.uniform_(-0.2, 0.2)
    return m.eval()


def floats(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    model = made(Small)
    example = torch.rand(SHAPE, generator=torch.Generator().manual_seed(1))
    torch.jit.trace(model, example).save(str(OUT / "small-traced.pt"))
    torch.jit.script(model).save(str(OUT / "small-scripted.pt"))
    torch.jit.script(made(Small).train()).save(str(OUT / "small-scripted-train-mode.pt"))
    torch.jit.script(made(Noisy)).save(str(OUT / "noisy.pt"))
    torch.jit.trace(made(Small, channels=1), torch.rand(2, 1, 8, 8)).save(str(OUT / "one-channel.pt"))
    torch.jit.trace(made(Small, classes=5), example).save(str(OUT / "five-classes.pt"))
    torch.jit.script(made(TupleOut)).save(str(OUT / "tuple-out.pt"))

    x = torch.rand(SHAPE, generator=torch.Generator().manual_seed(2)).requires_grad_(True)
    y = torch.tensor([3, 1, 4, 1])
    logits = model(x)
    F.cross_entropy(logits, y).backward()
    with open(OUT / "golden.txt", "w") as f:
        f.write("# scripts/torchscript_oracle.py, torch %s: images (4,3,8,8), labels, eval-mode logits (4,10),\n" % torch.__version__)
        f.write("# d mean cross-entropy / d images (4,3,8,8)\n")
        f.write("x " + floats(x) + "\n")
        f.write("y " + " ".join(str(int(v)) for v in y.tolist()) + "\n")
        f.write("logits " + floats(logits) + "\n")
        f.write("grad " + floats(x.grad) + "\n")


if __name__ == "__main__":
    main()
