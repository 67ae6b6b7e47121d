"""A plain PyTorch IF loop over an ONNX model's own weights: the peer snn-ts' simulator is timed against.

Every ONNX `Relu` becomes an integrate-and-fire neuron with reset by subtraction and output
amplitude θ (SpikingJelly's ann2snn with its voltage scalers folded in):

    V_t = V_{t-1} + X_t,  S_t = 1[V_t >= θ],  V_t <- V_t - S_t·θ,  out_t = S_t·θ

with θ per Relu node read from a JSON file ({node name: θ, a number or one per channel}), the
thresholds snn-ts' converter chose, so both sides simulate the same network. Every other op is
the ONNX op (tools/fixtures/onnx_eval.py's torch.nn.functional per op). The image is the input at
every step (constant input) and the nodes that depend on it alone run once per batch, as snn-ts
does. Scores are Σ_t out_t of the graph output; prediction argmax at every t.

Run (from the repository root, Debian's torch 1.13):
    /usr/bin/python3 tools/torch-bench/if_loop.py --onnx M.onnx --thresholds th.json \
        --images x.f32 --labels y.u8 --shape 28,28,1 --T 200 [--threads 2] [--batch 100]
`--images` holds float32 NHWC samples (what snn-ts reads), `--labels` one uint8 per sample.
Prints one JSON line: seconds (simulation only), image_steps_per_s, correct at T, accuracy at T.
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from onnx_eval import OPS, _attrs  # noqa: E402  (the one ONNX-op-to-torch table of the repository)

import torch.nn.functional as F  # noqa: E402


def _fast(op, attrs, consts, inputs):
    """The op as a PyTorch user writes it where onnx_eval's spec-literal version is slower (no pads to apply)."""
    if op == "Pad" and len(inputs) > 1 and inputs[1] in consts and not consts[inputs[1]].abs().sum():
        return lambda x, *_: x
    pads = list(attrs.get("pads", [0, 0, 0, 0]))
    if op == "AveragePool" and not any(pads) and not attrs.get("ceil_mode", 0):
        k, st = tuple(attrs["kernel_shape"]), tuple(attrs.get("strides", (1, 1)))
        return lambda x: F.avg_pool2d(x, k, st)
    if op == "Conv" and attrs.get("auto_pad", b"NOTSET") in (b"NOTSET", "NOTSET") and pads[0] == pads[2] and pads[1] == pads[3]:
        st, d, g = tuple(attrs.get("strides", (1, 1))), tuple(attrs.get("dilations", (1, 1))), attrs.get("group", 1)
        return lambda x, w, b=None: F.conv2d(x, w, b, stride=st, padding=(pads[0], pads[1]), dilation=d, groups=g)
    return lambda *args: OPS[op](*args, **attrs)


def _fold_bn(nodes, consts):
    """Folds each BatchNormalization that reads only a Conv's output into that Conv (SpikingJelly's fuse_flag, snn-ts' folding)."""
    readers = {}
    for n in nodes:
        for i in n.input:
            readers[i] = readers.get(i, 0) + 1
    by_output = {n.output[0]: n for n in nodes}
    out = []
    for n in nodes:
        conv = by_output.get(n.input[0]) if n.op_type == "BatchNormalization" else None
        if conv is None or conv.op_type != "Conv" or readers.get(conv.output[0]) != 1 or not all(i in consts for i in n.input[1:]):
            out.append(n)
            continue
        eps = _attrs(n).get("epsilon", 1e-5)
        scale, bias, mean, var = (consts[i] for i in n.input[1:5])
        k = scale / torch.sqrt(var + eps)
        w = consts[conv.input[1]] * k.view(-1, 1, 1, 1)
        b0 = consts[conv.input[2]] if len(conv.input) > 2 and conv.input[2] else torch.zeros_like(mean)
        consts[conv.input[1] + ":folded"] = w
        consts[conv.input[1] + ":bias"] = (b0 - mean) * k + bias
        folded = onnx.helper.make_node("Conv", [conv.input[0], conv.input[1] + ":folded", conv.input[1] + ":bias"], [n.output[0]], name=conv.name)
        folded.attribute.extend(conv.attribute)
        out[out.index(conv)] = folded
    return out


class IFLoop:
    """The ONNX graph as a list of steps; Relu nodes are IF neurons with thresholds `thresholds[name]`."""

    def __init__(self, onnx_path, thresholds):
        model = onnx.load(onnx_path)
        self.consts = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
        self.input = model.graph.input[0].name
        self.output = model.graph.output[0].name
        graph = []
        for node in model.graph.node:
            if node.op_type == "Constant":
                self.consts[node.output[0]] = torch.from_numpy(numpy_helper.to_array(_attrs(node)["value"]).copy())
            else:
                graph.append(node)
        self.nodes = []
        static = {self.input}
        for node in _fold_bn(graph, self.consts):
            if node.op_type == "Relu":
                if node.name not in thresholds:
                    raise SystemExit(f"{onnx_path}: Relu node '{node.name}' has no threshold in the thresholds file")
                th = torch.tensor(thresholds[node.name], dtype=torch.float32)
                self.nodes.append(("if", node, th, False))
                continue
            if node.op_type not in OPS:
                raise SystemExit(f"{onnx_path}: op {node.op_type} (node '{node.name}') is not in tools/fixtures/onnx_eval.py")
            fn = _fast(node.op_type, _attrs(node), self.consts, list(node.input))
            is_static = all((i in static or i in self.consts or not i) for i in node.input)
            if is_static:
                static.add(node.output[0])
            self.nodes.append((fn, node, None, is_static))

    def run(self, x, T):
        """Simulates T steps on the NCHW batch x; returns the prediction at every step, `[T, N]`."""
        env = dict(self.consts)
        env[self.input] = x
        for fn, node, _, is_static in self.nodes:
            if is_static:
                env[node.output[0]] = fn(*[env[i] if i else None for i in node.input])
        v = {}
        total = None
        preds = []
        for _ in range(T):
            for fn, node, th, is_static in self.nodes:
                if is_static:
                    continue
                x0 = env[node.input[0]]
                if fn != "if":
                    env[node.output[0]] = fn(*[env[i] if i else None for i in node.input])
                    continue
                h = v[node.name].add_(x0) if node.name in v else x0.clone()
                t = th.view(1, -1, *([1] * (h.dim() - 2))) if th.numel() > 1 else th
                out = (h >= t).to(h.dtype).mul_(t)
                v[node.name] = h.sub_(out)
                env[node.output[0]] = out
            y = env[self.output]
            total = y.clone() if total is None else total.add_(y)
            preds.append(total.argmax(dim=1))
        return torch.stack(preds)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--thresholds", required=True)
    ap.add_argument("--images", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--shape", required=True, help="per-sample NHWC shape, e.g. 28,28,1")
    ap.add_argument("--T", type=int, required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=100)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    shape = [int(s) for s in a.shape.split(",")]
    per = int(np.prod(shape))
    raw = np.fromfile(a.images, dtype=np.float32)
    if raw.size % per:
        raise SystemExit(f"{a.images}: {raw.size} floats is not a whole number of {a.shape} samples")
    x = torch.from_numpy(raw.reshape(-1, *shape).transpose(0, 3, 1, 2).copy())
    y = torch.from_numpy(np.fromfile(a.labels, dtype=np.uint8).astype(np.int64))
    if len(y) != len(x):
        raise SystemExit(f"{a.labels}: {len(y)} labels for {len(x)} images")
    with open(a.thresholds) as f:
        loop = IFLoop(a.onnx, json.load(f))
    correct = torch.zeros(a.T, dtype=torch.int64)
    with torch.inference_mode():
        loop.run(x[:2], 2)  # warm-up (allocator, oneDNN primitives)
        t0 = time.perf_counter()
        for i in range(0, len(x), a.batch):
            pred = loop.run(x[i : i + a.batch], a.T)
            correct += (pred == y[i : i + a.batch]).sum(dim=1)
        seconds = time.perf_counter() - t0
    n = len(x)
    print(json.dumps({
        "seconds": seconds, "n": n, "T": a.T, "threads": a.threads, "batch": a.batch,
        "image_steps_per_s": n * a.T / seconds, "correct": int(correct[-1]), "accuracy": float(correct[-1]) / n,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
