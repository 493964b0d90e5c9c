/**
 * A command is declared once — input schema, output schema, run function and its views — and every surface
 * (CLI, API, dashboard) is thin over it, so numbers reach users by one path.
 */
import type { z } from 'zod';
import type { AppPorts } from './ports/app-ports.ts';
import type { ResultWarning } from '../schema/result-envelope.ts';
import type { RunCompany, RunFigure } from './ports/run-store.ts';
import { optionsOf, type CommandOption } from './input-options.ts';

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

/** How a command is offered over HTTP (src/server). Absent: a GET route whose results are cached. */
export interface HttpFacts<Input, Results> {
  /** Not served, and why (it fetches from the internet and writes the local store, say): the CLI runs it. */
  notServed?: string;
  /**
   * Its results depend on more than its input, the files and data the server loaded and today's date (the run store,
   * the local data store's log): never served from the results cache.
   */
  uncached?: boolean;
  /**
   * Its computation takes a valuation or more (tens of milliseconds to seconds): the server runs it on its worker
   * pool, within the pool's queue bound and deadline, so that it never holds the thread every other request is
   * answered on (src/server/worker-pool.ts; issue 19). Absent: computed on the server's thread (listings, files).
   */
  heavy?: boolean;
  /**
   * Refuses input whose computation would hold a worker too long for one request (a grid's cells, Monte Carlo paths ×
   * days): throws an InputError naming the field, before the request waits for a worker. May read the data (ports).
   */
  checkBudget?(input: Input, ports: AppPorts): void | Promise<void>;
  /** Served as a file to download at GET /api/v1/<name> instead of a result envelope (the command writes files). */
  download?: {
    /** The formats served, with their content types; the first is the default. */
    formats: Record<string, string>;
    /** Why the command's other formats are not served (they write folders). */
    otherFormats: string;
    /** The query parameters taken besides `format`: the framing's. */
    query: readonly string[];
    /** The saved run the file was built from, named in a response header. */
    runOf?(results: Results): string;
  };
}

/** Runs of a command that are saved in the run store (DESIGN.md §8): its outputs as the figures diffs compare. */
export interface SavedRunFacts<Results> {
  figures(results: Results): { figures: RunFigure[]; companies: RunCompany[] };
}

/** What a command's author writes: the declaration every surface is built from. */
export interface CommandDeclaration<InputSchema extends z.ZodType, Results> {
  /** Words of the command, e.g. `network status`. */
  name: string;
  summary: string;
  description: string;
  /** Full command lines, shown in --help and the docs. */
  examples: string[];
  /** The input fields, each with its metadata (src/schema/input-field.ts): the CLI flags and API parameters. */
  inputSchema: InputSchema;
  outputSchema: z.ZodType<Results>;
  run(input: z.output<InputSchema>, ports: AppPorts): Promise<CommandOutcome<Results>>;
  textView(results: Results): TextSection[];
  csvView?(results: Results): CsvView;
  /**
   * Why results count as a failure although the command ran (a replay that does not reproduce, a refresh that got no
   * data of a kind), or undefined when they do not: the CLI prints the results as usual, says why on stderr and
   * exits 1.
   */
  failure?(results: Results): string | undefined;
  http?: HttpFacts<z.output<InputSchema>, Results>;
  /** Present when the command's runs are saved (and so can be listed, replayed and diffed). */
  savedRun?: SavedRunFacts<Results>;
}

/** A declared command with its options derived from its input schema. */
export interface CommandDefinition<
  InputSchema extends z.ZodType = z.ZodType,
  Results = unknown,
> extends CommandDeclaration<InputSchema, Results> {
  /** One per input field, in the schema's order (src/app/input-options.ts). */
  readonly options: readonly CommandOption[];
}

/** Checks a declaration against its own input and output types and derives its options; the types are kept. */
export function defineCommand<InputSchema extends z.ZodType, Results>(
  declaration: CommandDeclaration<InputSchema, Results>,
): CommandDefinition<InputSchema, Results> {
  return { ...declaration, options: optionsOf(declaration.inputSchema) };
}
