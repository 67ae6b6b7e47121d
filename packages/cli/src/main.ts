import { parseArgs } from 'node:util';
import { ConversionError } from '@snn/converter';
import { OnnxImportError } from '@snn/onnx';
import { startBackend } from './backend.js';
import { EXIT, UserError } from './errors.js';
import { endProfile, phase, profileWanted, startProfile } from './profile.js';
import { type CliIO, type Command, getCommand, listCommands } from './registry.js';

/** Options every command accepts. */
const GLOBAL_OPTIONS = {
  backend: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  profile: { type: 'boolean' },
} as const;

/** The process's streams. */
export const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** `snn --help`: every registered command with its usage. */
export function usage(): string {
  const cmds = listCommands();
  const width = Math.max(...cmds.map((c) => c.name.length));
  return [
    'usage: snn <command> [options]',
    '',
    'commands:',
    ...cmds.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    '  --backend <wasm|cpu|webgpu|tensorflow>  tensor backend (default: the fastest that starts; wasm in Node)',
    '  --verbose, -v                           say which backend runs; stack traces for errors',
    "  --help, -h                              this text, or a command's usage after its name",
    '  --profile                               print the time split on stderr at the end (also SNN_PROFILE=1)',
    '',
  ].join('\n');
}

const commandUsage = (c: Command): string => `usage: snn ${c.usage}\n\n${c.summary}\n`;

/**
 * Runs `snn` with the given arguments (without `node` and the script) and returns the exit code:
 * 0 on success, 2 for a user error (one line on stderr, `snn: <problem>`), 1 for anything
 * unexpected (with its stack). Never calls `process.exit`, so tests can call it directly.
 *
 * With `--profile` (or `SNN_PROFILE=1`) the run's time split is printed on stderr at the end;
 * `before` holds the phases timed before `runCli` was called (`bin.js` passes Node's start-up and
 * the CLI's import).
 *
 * @example
 * process.exitCode = await runCli(['infer', 'model.onnx', '--input', 'in.json']);
 */
export async function runCli(argv: string[], io: CliIO = processIO, before: Record<string, number> = {}): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  if (profileWanted(argv)) startProfile(before);
  try {
    const [name, ...rest] = argv;
    if (name === undefined) throw new UserError('no command given; run `snn --help` to list them');
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = rest[0] ? getCommand(rest[0]) : undefined;
      io.stdout(about ? commandUsage(about) : usage());
      return EXIT.ok;
    }
    const command = getCommand(name);
    if (!command)
      throw new UserError(
        `unknown command '${name}' (commands: ${listCommands()
          .map((c) => c.name)
          .join(', ')})`,
      );
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      io.stdout(commandUsage(command));
      return EXIT.ok;
    }
    const { min, max, names } = command.positionals;
    if (positionals.length < min || positionals.length > max)
      throw new UserError(`${command.name} takes ${names}, got ${positionals.length} argument(s); usage: snn ${command.usage}`);
    await command.run({
      args: positionals,
      options: values,
      io,
      verbose,
      backend: () => phase('backend', () => startBackend(values.backend as string | undefined, verbose, io)),
    });
    return EXIT.ok;
  } catch (e) {
    return report(e, verbose, io);
  } finally {
    endProfile(io);
  }
}

function parse(command: Command, args: string[]) {
  const options = { ...GLOBAL_OPTIONS, ...command.options };
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs explains itself at length; its first sentence names the option.
    const msg = e instanceof Error ? e.message.split(/\.\s/)[0].replace(/\.$/, '') : String(e);
    throw new UserError(`${msg}; usage: snn ${command.usage}`);
  }
}

function report(e: unknown, verbose: boolean, io: CliIO): number {
  const user = e instanceof UserError || e instanceof OnnxImportError || e instanceof ConversionError;
  const message = e instanceof OnnxImportError ? onnxMessage(e) : e instanceof Error ? e.message : String(e);
  io.stderr(`snn: ${user ? '' : 'unexpected error: '}${message.split('\n')[0]}\n`);
  if ((verbose || !user) && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
  return user ? EXIT.usage : EXIT.failure;
}

/**
 * `--T -3` as `--T=-3`: parseArgs reads a value that starts with a dash as an option ("argument is
 * ambiguous"); a negative number after a string option is that option's value, checked (and refused
 * by name) by the command.
 */
function joinNegativeValues(args: string[], options: Record<string, { type: string }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (name && options[name]?.type === 'string' && /^-\d|^-\.\d/.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

/** An unsupported op says its nodes once and where the supported list is; other import errors as they are. */
function onnxMessage(e: OnnxImportError): string {
  if (e.code !== 'unsupported-op') return e.message;
  return `${e.detail}${e.where.file ? ` [file ${e.where.file}]` : ''}; supported ops: \`snn ops\`, or the table in @snn/onnx's README`;
}
