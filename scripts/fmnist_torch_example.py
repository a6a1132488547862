#!/usr/bin/env python3
"""The README's example of "a PyTorch model you already have": a small CNN, the input normalization
inside, trained for one epoch on Fashion-MNIST (Debian's dataset-fashion-mnist) with plain PyTorch, then
saved as TorchScript for robustgrid:
    /usr/bin/python3 scripts/fmnist_torch_example.py      # writes fmnist-cnn.pt
"""
import gzip, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
def idx(path, offset):
    with gzip.open(path) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)
d = "/usr/share/datasets/fashion-mnist/"
x = torch.from_numpy(idx(d + "train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
y = torch.from_numpy(idx(d + "train-labels-idx1-ubyte.gz", 8).astype(np.int64))
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 16, 3, padding=1), nn.Conv2d(16, 32, 3, padding=1)
        self.fc1, self.fc2 = nn.Linear(32 * 7 * 7, 64), nn.Linear(64, 10)
    def forward(self, x):
        x = (x - 0.2860) / 0.3530
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))
torch.manual_seed(0)
model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for i in range(0, 60000, 64):
    opt.zero_grad()
    F.cross_entropy(model(x[i:i + 64]), y[i:i + 64]).backward()
    opt.step()
model.eval()
torch.jit.trace(model, torch.rand(1, 1, 28, 28)).save("fmnist-cnn.pt")
