import { writeGraph } from '@snn/graph';
import { writeModelReport } from '../demo/model-report.js';
import { UserError } from '../errors.js';
import { checkOutputPath } from '../output-path.js';
import { checkDataFits, isSpiking, loadData, loadModel, modeOption } from '../pipeline.js';
import type { Command } from '../registry.js';
import type { DataFlags } from '@snn/datasets';
import { CONVERSION_OPTIONS, CONVERSION_USAGE, convertWith, trainingOptions, trainingUse } from './conversion.js';

/**
 * `snn convert <model.onnx> --data mnist [--mode M] [--output model.snn]`: folds BatchNorm, calibrates on
 * the training split (less its validation part), replaces ReLU by IF neurons and prints the conversion
 * report as JSON. `--output DIR` saves the SNN as a folder (`graph.json` + `weights.bin`) that
 * `snn eval DIR` and `readGraph` load.
 */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert an ANN (ONNX) into an SNN, calibrating on the training split; prints the report',
  usage: `convert <model.onnx> ${CONVERSION_USAGE} [--mode M] [--output model.snn] [--report DIR] [--force]\n  e.g. snn convert model.onnx --data mnist --mode 99.9%`,
  options: {
    ...CONVERSION_OPTIONS,
    mode: { type: 'string', multiple: true },
    output: { type: 'string' },
    report: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: '<model.onnx>' },
  async run({ args, options, io, backend }) {
    const given = options.mode as unknown as string[] | undefined;
    if (given && given.length > 1) throw new UserError(`convert takes one --mode, got ${given.length} (${given.join(', ')}); snn eval compares modes`);
    const modeText = given?.[0] ?? 'auto';
    const recipe = modeOption(modeText);
    const training = trainingOptions(options);
    const force = Boolean(options.force);
    if (options.output) checkOutputPath('--output', options.output as string, 'dir', force);
    if (options.report) checkOutputPath('--report', options.report as string, 'dir', force);
    await backend();
    const ann = await loadModel(args[0]);
    if (isSpiking(ann)) throw new UserError(`${args[0]}: this model is already spiking (it has stateful spiking nodes)`);
    const data = await loadData(options as DataFlags, io);
    checkDataFits(ann, data.train, args[0]);
    const use = trainingUse(data.train, training);
    const { snn, report } = await convertWith(ann, recipe, use, training, 200);
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
    const out = {
      mode: modeText,
      calibration: use.info.calibration,
      validation: use.info.validation,
      report,
      nodes: snn.nodes.map((n) => ({ name: n.name, op: n.op })),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  },
};
