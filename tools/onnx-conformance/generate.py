#!/usr/bin/env python3
"""Generates ONNX's own backend node test cases for @snn/onnx's conformance suite.

Usage: /usr/bin/python3 tools/onnx-conformance/generate.py OUT_DIR

Runs `onnx.backend.test.cmd_tools generate-data` (Debian's python3-onnx 1.12) into OUT_DIR/raw and
writes, for every single-op case of the ops below, OUT_DIR/cases/<case>/ with
  model.onnx  the case's model with its weight-like inputs moved into initializers (the importer
              takes one or more runtime inputs; weights must be constants),
  case.json   {op, opset, inScope, scopeNote, inputs: [{name, dims, dtype}], outputs: [...]},
  in_<k>.bin / out_<k>.bin  raw little-endian float32 values (other dtypes are not written).
`inScope` marks what issue 14's "done when" counts: rank-2/3/4 float inputs, no action across
the batch axis (axis 0). It is decided here from the case's attributes and shapes, not from the
importer's answer.
"""
import json
import os
import sys

import numpy as np

# onnx 1.12's generators use aliases that numpy >= 1.24 removed.
for alias, value in [('float', float), ('int', int), ('bool', bool), ('object', object), ('str', str)]:
    setattr(np, alias, value)

import onnx  # noqa: E402
from onnx import helper, numpy_helper  # noqa: E402

OPS = [
    'Conv', 'Gemm', 'MatMul', 'Relu', 'Clip', 'AveragePool', 'MaxPool', 'GlobalAveragePool', 'GlobalMaxPool',
    'BatchNormalization', 'Add', 'Sub', 'Mul', 'Div', 'Sum', 'Concat', 'Flatten', 'Reshape', 'Transpose',
    'Squeeze', 'Unsqueeze', 'Softmax', 'LogSoftmax', 'Pad', 'Dropout', 'Identity', 'ReduceMean', 'ReduceSum',
    'LeakyRelu', 'PRelu', 'Sigmoid', 'Tanh', 'HardSigmoid', 'HardSwish', 'Exp',
]
# Ops whose inputs of input 0's shape (and dtype) are data, not weights: they stay runtime inputs.
DATA_INPUTS = {'Add', 'Sub', 'Mul', 'Div', 'Sum', 'Concat'}


def generate(raw):
    from onnx.backend.test import cmd_tools
    sys.argv = ['generate', 'generate-data', '-o', raw]
    cmd_tools.main()


def load_pb(path):
    t = onnx.TensorProto()
    with open(path, 'rb') as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def batch_axis_use(node, opset, inputs, outputs, consts):
    """Why the op acts across the batch axis (axis 0), or None."""
    op = node.op_type
    x = inputs[0]
    rank = x.ndim
    norm = lambda a: a + rank if a < 0 else a  # noqa: E731
    if outputs and outputs[0].ndim >= 1 and x.ndim >= 1 and outputs[0].shape[0] != x.shape[0] and op not in ('Gemm', 'MatMul'):
        return 'its output has another size along axis 0'
    if op in ('Softmax', 'LogSoftmax'):
        axis = attr(node, 'axis', 1 if opset < 13 else -1)
        if norm(axis) == 0:
            return 'axis 0'
    if op in ('Concat', 'Flatten') and norm(attr(node, 'axis', 1)) == 0:
        return 'axis 0'
    if op == 'Transpose':
        perm = attr(node, 'perm', list(range(rank))[::-1])
        if perm[0] != 0:
            return 'it moves axis 0'
    if op in ('Squeeze', 'Unsqueeze', 'ReduceMean', 'ReduceSum'):
        axes = attr(node, 'axes')
        if axes is None and len(node.input) > 1 and node.input[1] in consts:
            axes = list(consts[node.input[1]].reshape(-1))
        if axes is None:
            if op.startswith('Reduce') and not attr(node, 'noop_with_empty_axes', 0):
                return 'it reduces every axis'
        elif any((a + (rank + (len(axes) if op == 'Unsqueeze' else 0)) if a < 0 else a) == 0 for a in axes):
            return 'axis 0 in axes'
    if op == 'BatchNormalization' and attr(node, 'training_mode', 0):
        return 'training mode (batch statistics)'
    if op == 'Dropout' and len(node.input) > 2 and node.input[2] in consts and bool(consts[node.input[2]].reshape(-1)[0]):
        return 'training mode (random per sample)'
    # A constant broadcast against the data that differs along axis 0 gives each sample its own operand.
    operands = node.input[2:3] if op == 'Gemm' else node.input[1:] if op in DATA_INPUTS | {'PRelu'} else []
    for name in operands:
        c = consts.get(name)
        if c is not None and c.ndim == (2 if op == 'Gemm' else rank) and c.shape[0] > 1:
            return f'its constant {name} differs along axis 0'
    if op == 'Pad':
        pads = attr(node, 'pads')
        if pads is None and len(node.input) > 1 and node.input[1] in consts:
            pads = list(consts[node.input[1]].reshape(-1))
        if pads is not None and (pads[0] or pads[len(pads) // 2]):
            return 'it pads axis 0'
    if op == 'MatMul' and (x.ndim != 2 or inputs[1].ndim != 2):
        return 'a batched (rank > 2) matrix product'
    if op == 'Gemm' and attr(node, 'transA', 0):
        return 'transA=1 (the runtime rows are not the batch)'
    return None


def convert(case_dir, out_dir):
    model = onnx.load(os.path.join(case_dir, 'model.onnx'))
    g = model.graph
    ops = {n.op_type for n in g.node}
    if len(g.node) != 1 or not ops <= set(OPS) or any(not v.type.HasField('tensor_type') for v in [*g.input, *g.output]):
        return None
    node = g.node[0]
    opset = next((o.version for o in model.opset_import if o.domain in ('', 'ai.onnx')), 0)
    data = os.path.join(case_dir, 'test_data_set_0')
    inits = {t.name for t in g.initializer}
    graph_inputs = [v for v in g.input if v.name not in inits]
    ins = [load_pb(os.path.join(data, f'input_{k}.pb')) for k in range(len(graph_inputs))]
    outs = [load_pb(os.path.join(data, f'output_{k}.pb')) for k in range(len(g.output))]
    consts = {}
    keep = []
    for k, (v, a) in enumerate(zip(graph_inputs, ins)):
        data_like = k == 0 or (node.op_type in DATA_INPUTS and a.dtype == ins[0].dtype and a.ndim == ins[0].ndim and
                               (node.op_type == 'Concat' or a.shape == ins[0].shape))
        if data_like:
            keep.append((v, a))
        else:
            consts[v.name] = a
            g.initializer.append(numpy_helper.from_array(a, v.name))
    for v in [v for v in g.input if v.name in consts]:
        g.input.remove(v)
    float_in = all(a.dtype == np.float32 and 2 <= a.ndim <= 4 for _, a in keep)
    why = None if float_in else 'its runtime input is not a rank-2/3/4 float32 tensor'
    why = why or batch_axis_use(node, opset, ins, outs, consts)
    os.makedirs(out_dir, exist_ok=True)
    onnx.save(model, os.path.join(out_dir, 'model.onnx'))

    def describe(prefix, arrays, names):
        rows = []
        for k, (name, a) in enumerate(zip(names, arrays)):
            rows.append({'name': name, 'dims': list(a.shape), 'dtype': str(a.dtype)})
            if a.dtype == np.float32:
                a.astype('<f4').tofile(os.path.join(out_dir, f'{prefix}_{k}.bin'))
        return rows

    meta = {
        'op': node.op_type,
        'opset': opset,
        'inScope': why is None,
        'scopeNote': why or '',
        'inputs': describe('in', [a for _, a in keep], [v.name for v, _ in keep]),
        'outputs': describe('out', outs, [o.name for o in g.output]),
    }
    with open(os.path.join(out_dir, 'case.json'), 'w') as f:
        json.dump(meta, f)
    return meta


def main():
    out = sys.argv[1]
    raw = os.path.join(out, 'raw')
    if not os.path.isdir(os.path.join(raw, 'node')):
        generate(raw)
    node_dir = os.path.join(raw, 'node')
    written = 0
    for name in sorted(os.listdir(node_dir)):
        if convert(os.path.join(node_dir, name), os.path.join(out, 'cases', name)):
            written += 1
    print(f'{written} cases in {os.path.join(out, "cases")}')


if __name__ == '__main__':
    main()
