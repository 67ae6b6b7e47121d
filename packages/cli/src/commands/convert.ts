import { convert } from '@snn/converter';
import { writeGraph } from '@snn/graph';
import { UserError } from '../errors.js';
import { calibrationBatches, checkDataFits, isSpiking, loadData, loadModel, modeOption, positiveInt } from '../pipeline.js';
import { writeModelReport } from '../demo/model-report.js';
import type { Command } from '../registry.js';

/**
 * `snn convert <model.onnx> --data mnist [--mode M] [--output model.snn]`: folds BatchNorm, calibrates on
 * the training split, replaces ReLU by IF neurons and prints the conversion report as JSON. `--output DIR`
 * saves the SNN as a folder (`graph.json` + `weights.bin`) that `snn eval DIR` and `readGraph` load.
 */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert an ANN (ONNX) into an SNN, calibrating on the training split; prints the report',
  usage:
    'convert <model.onnx> --data <mnist|fashion-mnist|DIR> [--calibrate N] [--mode M] [--output model.snn] [--report DIR]\n  e.g. snn convert model.onnx --data mnist --mode 99.9%',
  options: {
    data: { type: 'string' },
    calibrate: { type: 'string' },
    mode: { type: 'string' },
    output: { type: 'string' },
    report: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: '<model.onnx>' },
  async run({ args, options, io, backend }) {
    const modeText = (options.mode as string | undefined) ?? 'auto';
    const recipe = modeOption(modeText);
    await backend();
    const ann = await loadModel(args[0]);
    if (isSpiking(ann)) throw new UserError(`${args[0]}: this model is already spiking (it has IF/LIF nodes)`);
    const data = await loadData(options.data as string | undefined);
    checkDataFits(ann, data.train, args[0]);
    const { snn, report } = await convert(ann, calibrationBatches(data.train, positiveInt('calibrate', options.calibrate as string | undefined)), recipe);
    if (options.output) await writeGraph(snn, options.output as string);
    if (options.report)
      await writeModelReport(options.report as string, {
        title: `snn convert: ${args[0]} (${modeText})`,
        intro: `The SNN converted with mode ${modeText}, probed on 16 test images for 64 steps against its ANN.`,
        ann,
        snn,
        snnLabel: modeText,
        test: data.test,
        T: 64,
      });
    io.stdout(`${JSON.stringify({ mode: modeText, report, nodes: snn.nodes.map((n) => ({ name: n.name, op: n.op })) }, null, 2)}\n`);
  },
};
