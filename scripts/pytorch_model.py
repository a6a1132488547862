#!/usr/bin/env python3
"""Rebuild a robustgrid model in PyTorch and load the weights that `robustgrid export` wrote.

    ./robustgrid export runs/quick --model-key KEY --out model.npz
    python3 scripts/pytorch_model.py model.npz                       # builds, loads, prints a summary
    python3 scripts/pytorch_model.py model.npz --images x.npy                        # prints the images' logits
    python3 scripts/pytorch_model.py model.npz --check check.npz    # 'images' and robustgrid's 'logits': max relative difference
    python3 scripts/pytorch_model.py model.npz --torchscript model.pt                # torch.jit.trace it

In Python, `load(path)` returns the `torch.nn.Module` in eval mode: it takes float32 (N, C, H, W) images
in [0,1] and returns logits, the input normalization inside, as robustgrid evaluates it. Needs PyTorch
and NumPy only (Debian: python3-torch). Every built-in architecture (resnet18, small-cnn,
preact-resnet18, wide-resnet) is rebuilt with the same module tree as robustgrid's network: each DJL
SequentialBlock an nn.Sequential, each residual sum a `Sum` of two children, so `state_dict()` has the
names the export wrote and `load_state_dict(strict=True)` checks every one of them.
"""
import argparse
import json
import re
import sys

import numpy as np
import torch
import torch.nn as nn

FORMAT = "robustgrid-state-dict-1"


def parse_spec(text):
    """'wide-resnet(depth=28,dropout=0.0,widen=10)' -> ('wide-resnet', {'depth': '28', ...})."""
    m = re.fullmatch(r"([a-z0-9-]+)(?:\((.*)\))?", text.strip())
    if not m:
        raise SystemExit("pytorch_model.py: cannot read the spec '%s'" % text)
    params = {}
    if m.group(2):
        for part in m.group(2).split(","):
            key, value = part.split("=", 1)
            params[key.strip()] = value.strip()
    return m.group(1), params


def activation(spec):
    """The PyTorch module of a robustgrid activation spec, in evaluation semantics."""
    name, p = parse_spec(spec)
    f = lambda key, default: float(p.get(key, default))
    table = {
        "relu": lambda: nn.ReLU(),
        "leaky-relu": lambda: nn.LeakyReLU(f("negative-slope", 0.01)),
        "rrelu": lambda: nn.RReLU(f("lower", 1 / 8), f("upper", 1 / 3)),
        "elu": lambda: nn.ELU(f("alpha", 1)),
        "celu": lambda: nn.CELU(f("alpha", 1)),
        "selu": lambda: nn.SELU(),
        "gelu": lambda: nn.GELU(approximate=p.get("approximate", "none")),
        "silu": lambda: nn.SiLU(),
        "mish": lambda: nn.Mish(),
        "hard-swish": lambda: nn.Hardswish(),
        "hard-tanh": lambda: nn.Hardtanh(f("min", -1), f("max", 1)),
        "softplus": lambda: nn.Softplus(f("beta", 1), f("threshold", 20)),
        "tanh": lambda: nn.Tanh(),
        "sigmoid": lambda: nn.Sigmoid(),
        "softsign": lambda: nn.Softsign(),
    }
    if name not in table:
        raise SystemExit("pytorch_model.py: no PyTorch module for the activation '%s'; known: %s" % (spec, ", ".join(sorted(table))))
    return table[name]()


class Normalize(nn.Module):
    """(x - mean) / std per channel: robustgrid's input normalization, inside the network."""

    def __init__(self, channels):
        super().__init__()
        self.register_buffer("mean", torch.zeros(1, channels, 1, 1))
        self.register_buffer("std", torch.ones(1, channels, 1, 1))

    def forward(self, x):
        return (x - self.mean) / self.std


class Sum(nn.Module):
    """main(x) + shortcut(x), the branches as children '0' and '1' (robustgrid's residual sum)."""

    def __init__(self, main, shortcut):
        super().__init__()
        self.add_module("0", main)
        self.add_module("1", shortcut)

    def forward(self, x):
        return self._modules["0"](x) + self._modules["1"](x)


def conv(cin, cout, k, stride=1):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


def head(channels, classes):
    return [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, classes)]


def small_cnn(p, act, shape, classes):
    w = int(p.get("width", 32))
    c, h, wd = shape
    return nn.Sequential(conv(c, w, 3), nn.BatchNorm2d(w), act(), nn.MaxPool2d(2),
                         conv(w, 2 * w, 3), nn.BatchNorm2d(2 * w), act(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(2 * w * (h // 4) * (wd // 4), 4 * w), act(), nn.Linear(4 * w, classes))


def resnet18(p, act, shape, classes):
    w = int(p.get("width", 64))
    layers = [conv(shape[0], w, 3), nn.BatchNorm2d(w), act()]
    cin = w
    for stage in range(4):
        cout = w << stage
        for b in range(2):
            stride = 2 if stage > 0 and b == 0 else 1
            main = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), act(), conv(cout, cout, 3), nn.BatchNorm2d(cout))
            shortcut = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))
            layers.append(nn.Sequential(Sum(main, shortcut), act()))
            cin = cout
    return nn.Sequential(*layers, *head(cin, classes))


def preact_block(act, cin, cout, stride, dropout):
    """BN-act-conv-BN-act-conv plus the input; a projection of the pre-activated input where the shape changes."""
    main = [conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), act()]
    if dropout > 0:
        main.append(nn.Dropout(dropout))
    main = nn.Sequential(*main, conv(cout, cout, 3))
    if stride == 1 and cin == cout:
        return Sum(nn.Sequential(nn.BatchNorm2d(cin), act(), main), nn.Identity())
    return nn.Sequential(nn.BatchNorm2d(cin), act(), Sum(main, conv(cin, cout, 1, stride)))


def preact_resnet18(p, act, shape, classes):
    w = int(p.get("width", 64))
    layers = [conv(shape[0], w, 3)]
    cin = w
    for stage in range(4):
        for b in range(2):
            layers.append(preact_block(act, cin, w << stage, 2 if stage > 0 and b == 0 else 1, 0))
            cin = w << stage
    return nn.Sequential(*layers, nn.BatchNorm2d(cin), act(), *head(cin, classes))


def wide_resnet(p, act, shape, classes):
    depth, k, dropout = int(p.get("depth", 28)), int(p.get("widen", 10)), float(p.get("dropout", 0))
    layers = [conv(shape[0], 16, 3)]
    cin = 16
    for group in range(3):
        cout = (16 << group) * k
        for b in range((depth - 4) // 6):
            layers.append(preact_block(act, cin, cout, 2 if group > 0 and b == 0 else 1, dropout))
            cin = cout
    return nn.Sequential(*layers, nn.BatchNorm2d(cin), act(), *head(cin, classes))


ARCHITECTURES = {"small-cnn": small_cnn, "resnet18": resnet18, "preact-resnet18": preact_resnet18, "wide-resnet": wide_resnet}


def build(model_spec, activation_spec, shape, classes):
    """The robustgrid network, untrained: Normalize, then the architecture."""
    name, p = parse_spec(model_spec)
    if name not in ARCHITECTURES:
        raise SystemExit("pytorch_model.py: no PyTorch rebuild of the model '%s'; known: %s" % (model_spec, ", ".join(sorted(ARCHITECTURES))))
    return nn.Sequential(Normalize(shape[0]), ARCHITECTURES[name](p, lambda: activation(activation_spec), shape, classes))


def load(path):
    """The exported model as a PyTorch module in eval mode, and the export's header."""
    archive = np.load(path)
    header = json.loads(bytes(archive["__robustgrid__"]).decode("utf-8"))
    if header.get("format") != FORMAT:
        raise SystemExit("pytorch_model.py: %s is not a robustgrid export (format %r)" % (path, header.get("format")))
    model = build(header["model"], header["activation"], header["input"], header["classes"])
    state = {k: torch.from_numpy(archive[k].copy()) for k in archive.files if k != "__robustgrid__"}
    for name, buffer in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            state[name] = buffer  # PyTorch's counter, which robustgrid does not keep
    model.load_state_dict(state, strict=True)
    return model.eval(), header


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("export", help="the .npz that 'robustgrid export' wrote")
    ap.add_argument("--images", help="a .npy of float32 (N, C, H, W) images in [0,1]: print their logits")
    ap.add_argument("--check", help="a .npz of 'images' and the 'logits' robustgrid computed: print the max relative difference")
    ap.add_argument("--tolerance", type=float, default=1e-4, help="exit 1 when the difference is larger (default 1e-4)")
    ap.add_argument("--torchscript", help="also write the model traced as TorchScript to this file")
    args = ap.parse_args()
    model, header = load(args.export)
    n = sum(p.numel() for p in model.parameters())
    print("%s with %s on %s: %d parameters, input %s, %d classes" % (header["model"], header["activation"], header["dataset"], n,
                                                                    tuple(header["input"]), header["classes"]))
    if args.torchscript:
        example = torch.rand(2, *header["input"])
        torch.jit.trace(model, example).save(args.torchscript)
        print("wrote %s" % args.torchscript)
    if args.check:
        check = np.load(args.check)
        with torch.no_grad():
            logits = model(torch.from_numpy(check["images"])).numpy()
        expected = check["logits"]
        diff = float(np.abs(logits - expected).max() / np.abs(expected).max())
        print("max relative difference %.3g over %d images" % (diff, len(expected)))
        return 0 if diff <= args.tolerance else 1
    if args.images:
        with torch.no_grad():
            logits = model(torch.from_numpy(np.load(args.images))).numpy()
        np.set_printoptions(precision=5, suppress=True)
        print(logits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
