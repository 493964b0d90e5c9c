/**
 * A command is declared once — input schema, output schema, run function and its views — and every surface
 * (CLI, API, dashboard) is thin over it, so numbers reach users by one path.
 */
import type { z } from 'zod';
import type { AppPorts } from './ports/app-ports.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';

export interface CommandOption {
  /** The input field the option fills. */
  key: string;
  /** The CLI flag with its value name, e.g. `--as-of <date>`. */
  flag: string;
  /** A positional argument (`flag` is then its name, e.g. `<scenario>`) rather than a `--flag`. */
  positional?: boolean;
  /** How the CLI turns the flag's text into the input value: as is (default), a number, or comma-separated numbers. */
  valueKind?: 'text' | 'number' | 'number-list';
  description: string;
  choices?: readonly string[];
  defaultValue?: string;
  required?: boolean;
}

/** What a run produces besides its results; the envelope is completed by `executeCommand`. */
export interface CommandOutcome<Results> {
  results: Results;
  asOf: string;
  dataAsOf: Record<string, string>;
  warnings: ResultWarning[];
}

/** A readable view of results: label/value pairs or a table, all text. */
export type TextSection =
  | { kind: 'pairs'; title: string; rows: [label: string, value: string][] }
  | { kind: 'table'; title: string; columns: string[]; rows: string[][]; notes?: string[] }
  | { kind: 'text'; title: string; text: string };

export interface CsvView {
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

export interface CommandDefinition<InputSchema extends z.ZodType = z.ZodType, Results = unknown> {
  /** Words of the command, e.g. `network status`. */
  name: string;
  summary: string;
  description: string;
  /** Full command lines, shown in --help and the docs. */
  examples: string[];
  options: CommandOption[];
  inputSchema: InputSchema;
  outputSchema: z.ZodType<Results>;
  run(input: z.output<InputSchema>, ports: AppPorts): Promise<CommandOutcome<Results>>;
  textView(results: Results): TextSection[];
  csvView?(results: Results): CsvView;
  /** Results that count as a failure although the command ran (the CLI prints them, then exits 1). */
  failed?(results: Results): boolean;
}

/**
 * Type-checks a definition against its own input and output types, then erases them so the registry can hold
 * every command in one list (surfaces only pass validated input and read results through the schemas).
 */
export function defineCommand<InputSchema extends z.ZodType, Results>(
  definition: CommandDefinition<InputSchema, Results>,
): CommandDefinition {
  return definition as unknown as CommandDefinition;
}
