"""The statistical-parity part of scripts/autoattack_oracle.py (run it with --parity; see there).

A small MLP (14x14 -> 32 -> 10, ReLU) trained here on Fashion-MNIST (Debian's dataset-fashion-mnist,
images 2x2 average-pooled to 14x14), then AutoAttack's reference attacks on the first 500 test images at
L-inf eps = EPS: per image, whether it is still robust after each attack alone and after the standard
composite. Written to parity.txt: the model's weights, the pooled images as integer sums of four pixels
(0..1020; the image is sum / 1020), labels, and the per-image outcomes.
"""
import gzip
import time

import numpy as np
import torch
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist/"
N = 500
EPS = 0.04


def idx(name):
    with gzip.open(DATA + name) as f:
        raw = f.read()
    if raw[2] == 8 and raw[3] == 3:
        n, h, w = (int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
        return np.frombuffer(raw, np.uint8, offset=16).reshape(n, 1, h, w)
    return np.frombuffer(raw, np.uint8, offset=8)


def pooled_sums(images):
    x = images.astype(np.int64)
    return x[:, :, 0::2, 0::2] + x[:, :, 1::2, 0::2] + x[:, :, 0::2, 1::2] + x[:, :, 1::2, 1::2]


def fit(model, train_x, train_y):
    """Three epochs of Adam (lr 1e-3, batch 128) on cross-entropy; then eval mode, no gradients to the weights."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        perm = torch.randperm(len(train_y))
        for i in range(0, len(perm), 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            F.cross_entropy(model(train_x[b]), train_y[b]).backward()
            opt.step()
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)


def trained(model, transform, scale):
    """The model fitted on the training images as transform gives them (integers, the image is value / scale);
    returns the first N test images as those integers, as floats, their labels, and the model."""
    train_x = torch.tensor(transform(idx("train-images-idx3-ubyte.gz")), dtype=torch.float32) / scale
    train_y = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.long)
    test = transform(idx("t10k-images-idx3-ubyte.gz"))[:N]
    x = torch.tensor(test, dtype=torch.float32) / scale
    y = torch.tensor(idx("t10k-labels-idx1-ubyte.gz")[:N], dtype=torch.long)
    fit(model, train_x, train_y)
    return test, x, y, model


def robustness(model, y):
    """Per image, 1 where the model still classifies the (adversarial) image right."""
    def robust(adv):
        with torch.no_grad():
            return (model(adv).argmax(1) == y).long()
    return robust


def run(out, fmt, Mlp):
    from autoattack import AutoAttack
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted
    from autoattack.fab_pt import FABAttack_PT
    from autoattack.square import SquareAttack

    torch.manual_seed(0)
    test_sums, x, y, model = trained(Mlp(196, 32, 10), pooled_sums, 1020)
    robust = robustness(model, y)

    lines = [model.dump("mlp"), fmt("images", torch.tensor(test_sums)), fmt("labels", y), fmt("eps", torch.tensor(EPS))]
    clean = robust(x)
    lines.append(fmt("robust.clean", clean))
    attacks = {
        "apgd-ce": APGDAttack(model, norm="Linf", eps=EPS, n_iter=100, n_restarts=1, loss="ce", seed=0),
        "apgd-dlr": APGDAttack(model, norm="Linf", eps=EPS, n_iter=100, n_restarts=1, loss="dlr", seed=0),
        "apgd-t": APGDAttack_targeted(model, norm="Linf", eps=EPS, n_iter=100, n_restarts=1, n_target_classes=9, seed=0),
        "fab-t": FABAttack_PT(model, norm="Linf", eps=EPS, n_iter=100, n_restarts=1, targeted=True, n_target_classes=9, seed=0),
        "square": SquareAttack(model, norm="Linf", eps=EPS, n_queries=5000, p_init=0.8, n_restarts=1, seed=0, resc_schedule=False),
    }
    for name, attack in attacks.items():
        start = time.time()
        r = robust(attack.perturb(x, y))
        lines.append(fmt("robust." + name, r))
        print(f"{name}: robust accuracy {r.float().mean():.4f} ({time.time() - start:.1f} s)")
    aa = AutoAttack(model, norm="Linf", eps=EPS, version="standard", seed=0, verbose=False, device="cpu")
    start = time.time()
    r = robust(aa.run_standard_evaluation(x, y, bs=N))
    lines.append(fmt("robust.autoattack", r))
    print(f"autoattack standard: robust accuracy {r.float().mean():.4f} ({time.time() - start:.1f} s); clean {clean.float().mean():.4f}")
    (out / "parity.txt").write_text("".join(lines))



EPS_L2 = 0.5


def run_l2(out, fmt, Mlp):
    """The L2 part: Square L2 alone and the standard composite at L2 EPS_L2, on an MLP (784 -> 32 -> 10) of the
    full 28x28 images (the reference's Square L2 cannot start on 14x14 images: its grid of windows runs off
    the image). Written to parity-l2.txt.gz: the weights, the images as bytes (the image is byte / 255),
    labels, per-image outcomes."""
    from autoattack import AutoAttack
    from autoattack.square import SquareAttack

    torch.manual_seed(0)
    test_bytes, x, y, model = trained(Mlp(784, 32, 10), lambda images: images, 255)
    robust = robustness(model, y)

    lines = [model.dump("mlp"), fmt("images", torch.tensor(test_bytes.astype(np.int64))), fmt("labels", y),
             fmt("eps", torch.tensor(EPS_L2)), fmt("robust.clean", robust(x))]
    start = time.time()
    square = SquareAttack(model, norm="L2", eps=EPS_L2, n_queries=5000, p_init=0.8, n_restarts=1, seed=0, resc_schedule=False)
    r = robust(square.perturb(x, y))
    lines.append(fmt("robust.square", r))
    print(f"square L2: robust accuracy {r.float().mean():.4f} ({time.time() - start:.1f} s)")
    aa = AutoAttack(model, norm="L2", eps=EPS_L2, version="standard", seed=0, verbose=False, device="cpu")
    start = time.time()
    r = robust(aa.run_standard_evaluation(x, y, bs=len(y)))
    lines.append(fmt("robust.autoattack", r))
    print(f"autoattack standard L2: robust accuracy {r.float().mean():.4f} ({time.time() - start:.1f} s); clean {robust(x).float().mean():.4f}")
    with gzip.open(out / "parity-l2.txt.gz", "wt") as f:
        f.write("".join(lines))
