import type { ParseArgsConfig } from 'node:util';
import type { BackendName } from '@snn/backend';
import { createRegistry } from '@snn/core';

/** Where a command writes: the process's streams in `bin.ts`, buffers in tests. */
export interface CliIO {
  /** Writes `text` as is (no newline added) to standard output: results, tables, JSON. */
  stdout(text: string): void;
  /** Writes `text` as is to standard error: progress, warnings and the one-line error. */
  stderr(text: string): void;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed options (the command's own and the global ones). */
  options: Record<string, string | boolean | undefined>;
  io: CliIO;
  verbose: boolean;
  /** Starts the tensor backend (the `--backend` option, or `initBackend()`'s choice) and returns its name. */
  backend(): Promise<BackendName>;
}

/**
 * One `snn` sub-command, in its own file under `commands/` and listed in `commands/index.ts`.
 * Options use `node:util` parseArgs' format; `--verbose`, `--backend` and `--help` are global.
 */
export interface Command {
  name: string;
  /** One line for `snn --help`. */
  summary: string;
  /** Usage line(s) after `snn`, e.g. `infer <model.onnx> --input in.json [--output out.json]`. */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number; names: string };
  /** Does the work; a mistake the user can fix is thrown as a {@link UserError} (one line on stderr, exit code 2). */
  run(ctx: CommandContext): Promise<void>;
}

const commands = createRegistry<Command>('command');

/** Adds (or replaces) a command; `commands/index.ts` lists the built-in ones. */
export const registerCommand = (command: Command): void => commands.set(command.name, command);
/** The command of that name, or undefined. */
export const getCommand = (name: string): Command | undefined => commands.find(name);
/** Registered commands in registration order. */
export const listCommands = (): Command[] => commands.values();
