import { describe, expect, it } from 'vitest';
import { attr, node, valueInfo, writeModel } from '../test/helpers/onnx-writer.js';
import { type OnnxImportError, planImport } from './index.js';

const relu = (opsetImport: Array<{ domain: string; version: number }>) =>
  writeModel({ opsetImport, nodes: [node('Relu', ['x'], ['y'])], inputs: [valueInfo('x', ['N', 4])], outputs: [valueInfo('y', ['N', 4])] });

describe('opset', () => {
  it('reads the default-domain opset (ai.onnx or empty) and ignores other domains', () => {
    expect(
      planImport(
        relu([
          { domain: 'ai.onnx.ml', version: 3 },
          { domain: 'ai.onnx', version: 11 },
        ]),
      ).opset,
    ).toBe(11);
  });

  it('refuses opsets outside the supported range, saying what to do', () => {
    const add6 = writeModel({
      opset: 6,
      nodes: [node('Relu', ['x'], ['r']), node('Add', ['r', 'r'], ['y'])],
      inputs: [valueInfo('x', ['N', 4])],
      outputs: [valueInfo('y', ['N', 4])],
    });
    // Add changed at opset 7 (NumPy broadcasting replaced the broadcast attribute); Relu has not since 6.
    expect(() => planImport(add6)).toThrow(/opset 6 is older than the oldest this importer honours \(7\) for Add; re-export with opset_version=13/);
    expect(planImport(relu([{ domain: '', version: 6 }])).opset).toBe(6);
    expect(() => planImport(relu([{ domain: '', version: 5 }]))).toThrow(/opset 5 is older than the oldest this importer honours \(7\) for Relu/);
    expect(() => planImport(relu([{ domain: '', version: 99 }]))).toThrow(/opset 99 is newer than the newest this importer knows \(22\)/);
    const e = (() => {
      try {
        planImport(relu([]));
      } catch (err) {
        return err as OnnxImportError;
      }
    })();
    expect(e?.code).toBe('opset');
    expect(e?.message).toMatch(/declares no ai.onnx opset/);
  });

  it('uses the opset to read version-dependent attributes (Clip min/max)', () => {
    const clip = (version: number) =>
      writeModel({
        opset: version,
        nodes: [node('Clip', ['x'], ['y'], [attr.f('min', -1), attr.f('max', 1)])],
        inputs: [valueInfo('x', ['N', 4])],
        outputs: [valueInfo('y', ['N', 4])],
      });
    expect(planImport(clip(10)).specs[0].attrs).toEqual({ min: -1, max: 1 });
    // From opset 11 the bounds are inputs; the attributes are no longer read.
    expect(planImport(clip(11)).specs[0].attrs).toEqual({ min: -3.4028235e38, max: 3.4028235e38 });
  });
});
