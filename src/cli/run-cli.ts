/**
 * The `rerate` command line, built from the command registry: one subcommand per definition, its flags from the
 * definition's options, plus --json (the result envelope) and --csv where the command has a tabular view.
 * Exit codes: 0 ok, 1 failure, 2 bad input or usage. Output is written only once a command has run to its end: one
 * that stops on an error prints nothing on stdout; one whose results count as a failure (its `failure`) prints them,
 * says why on stderr and exits 1.
 */
import { Command, CommanderError, Option } from 'commander';
import type { CommandDefinition } from '../app/command.ts';
import { valueFromText } from '../app/option-text.ts';
import { ENGINE_VERSION } from '../app/engine-version.ts';
import { executeAndRecord } from '../app/execute-command.ts';
import type { RunRecord } from '../app/ports/run-store.ts';
import type { AppPorts } from '../app/ports/app-ports.ts';
import { formatInputIssue, InputError } from '../schema/input-error.ts';
import { renderCsv } from './render-csv.ts';
import { renderSections, renderWarnings } from './render-text.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A command that is not in the registry because it returns no result envelope (`rerate serve` runs until stopped). */
export interface ProcessCommand {
  name: string;
  summary: string;
  description: string;
  examples: string[];
  options: { flag: string; description: string; defaultValue?: string }[];
  /** Flags by commander's attribute names (`--rate-limit` → rateLimit); resolves to the exit code. */
  run(flags: Record<string, unknown>, io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export async function runCli(
  argv: readonly string[],
  commands: readonly CommandDefinition[],
  ports: AppPorts,
  written: CliIo,
  processCommands: readonly ProcessCommand[] = [],
): Promise<number> {
  // Nothing printed carries a configured secret, wherever the text came from (a provider's error body included).
  const redact = ports.redact;
  const io: CliIo = redact
    ? { stdout: (text) => written.stdout(redact(text)), stderr: (text) => written.stderr(redact(text)) }
    : written;
  let exitCode = EXIT_OK;
  const program = new Command('rerate')
    .description('rerate — an open research engine for listed bitcoin miners')
    .version(ENGINE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const groups = new Map<string, Command>();
  const groupExamples = new Map<Command, string[]>([[program, []]]);
  for (const definition of commands) {
    const words = definition.name.split(' ');
    let parent = program;
    for (const word of words.slice(0, -1)) {
      const key = `${parent.name()} ${word}`;
      let group = groups.get(key);
      if (!group) {
        group = parent.command(word).configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).exitOverride();
        groups.set(key, group);
        groupExamples.set(group, []);
      }
      parent = group;
      groupExamples.get(group)?.push(...definition.examples);
    }
    groupExamples.get(program)?.push(definition.examples[0] as string);
    const command = parent
      .command(words[words.length - 1] as string)
      .summary(definition.summary)
      .description(definition.description)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .exitOverride()
      .addHelpText('after', `\nExamples:\n${definition.examples.map((example) => `  $ ${example}`).join('\n')}\n`);
    for (const spec of definition.options.filter((option) => option.positional))
      command.argument(spec.flag, spec.description);
    for (const spec of definition.options.filter((option) => !option.positional)) {
      // Defaults are the schema's: shown in the help, applied when the input is parsed.
      const shownDefault =
        spec.defaultValue !== undefined && spec.flag.includes('<') && !/default/.test(spec.description);
      const option = new Option(
        spec.flag,
        shownDefault ? `${spec.description} (default: ${spec.defaultValue})` : spec.description,
      );
      if (spec.choices) option.choices(spec.choices);
      if (spec.required) option.makeOptionMandatory();
      command.addOption(option);
    }
    command.option('--json', 'print the result envelope as JSON');
    if (definition.savedRun) command.option('--no-save', 'do not save the run to the run store');
    if (definition.csvView) command.option('--csv', 'print the rows as CSV');
    command.action(async (...args: unknown[]) => {
      // commander passes the positional arguments first, then the parsed flags and the command.
      const flags = { ...(args[args.length - 2] as Record<string, unknown>) };
      definition.options
        .filter((option) => option.positional)
        .forEach((spec, index) => (flags[spec.key] = args[index]));
      exitCode = await runOne(definition, flags, ports, io);
    });
  }

  for (const definition of processCommands) {
    const command = program
      .command(definition.name)
      .summary(definition.summary)
      .description(definition.description)
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .exitOverride()
      .addHelpText('after', `\nExamples:\n${definition.examples.map((example) => `  $ ${example}`).join('\n')}\n`);
    for (const spec of definition.options)
      command.addOption(new Option(spec.flag, spec.description).default(spec.defaultValue));
    groupExamples.get(program)?.push(definition.examples[0] as string);
    command.action(async (flags: Record<string, unknown>) => {
      exitCode = await definition.run(flags, io);
    });
  }

  for (const [command, examples] of groupExamples) {
    if (command !== program)
      command.description(`${command.name()} commands: ${command.commands.map((sub) => sub.name()).join(', ')}`);
    command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n`);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return benign && error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

async function runOne(
  definition: CommandDefinition,
  flags: Record<string, unknown>,
  ports: AppPorts,
  io: CliIo,
): Promise<number> {
  if (flags['json'] && flags['csv']) {
    io.stderr('rerate: error: choose one of --json and --csv\n');
    return EXIT_USAGE;
  }
  const input: Record<string, unknown> = {};
  for (const spec of definition.options) {
    const value = flags[spec.positional ? spec.key : new Option(spec.flag).attributeName()];
    if (value !== undefined) input[spec.key] = typeof value === 'string' ? valueFromText(value, spec.valueKind) : value;
  }
  try {
    const { envelope, run } = await executeAndRecord(definition, input, ports);
    // Saved before anything is printed: a run that cannot be saved is a failure, not a half-done success.
    const saved = run && flags['save'] !== false ? await saveRun(ports, run) : undefined;
    if (flags['json']) io.stdout(`${JSON.stringify(envelope, null, 2)}\n`);
    else if (flags['csv'] && definition.csvView) io.stdout(renderCsv(definition.csvView(envelope.results)));
    else io.stdout(renderSections(definition.textView(envelope.results)) + renderWarnings(envelope.warnings));
    if (saved)
      io.stderr(
        `rerate: run ${envelope.inputsHash.slice(0, 12)} ${saved.created ? 'saved' : 'already saved'} ` +
          `(#${saved.seq}) in ${saved.location}\n`,
      );
    // Results that ran but count as a failure are printed all the same (a script keeps the report); stderr says why.
    const failure = definition.failure?.(envelope.results);
    if (failure === undefined) return EXIT_OK;
    io.stderr(`rerate: failed: ${failure}\n`);
    return EXIT_FAILURE;
  } catch (error) {
    if (error instanceof InputError) {
      for (const issue of error.issues) {
        if (issue.location) {
          io.stderr(`rerate: error: ${formatInputIssue(issue)}\n`);
          continue;
        }
        const flag = flagOf(definition, issue.path);
        const item = typeof issue.path[1] === 'number' ? ` (item ${issue.path[1] + 1})` : '';
        io.stderr(`rerate: error: ${flag ? `${flag}${item}: ` : ''}${issue.message}\n`);
      }
      return EXIT_USAGE;
    }
    io.stderr(`rerate: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

async function saveRun(ports: AppPorts, run: RunRecord): Promise<{ created: boolean; seq: number; location: string }> {
  const store = await ports.runs.open();
  try {
    return { ...(await store.save(run)), location: store.location };
  } catch (error) {
    throw new Error(
      `could not save the run in ${store.location} (nothing was written; --no-save skips saving): ` +
        `${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The CLI flag that fills an input path (`asOf` → `--as-of`). */
function flagOf(definition: CommandDefinition, path: readonly (string | number)[]): string {
  const key = path[0];
  const spec = definition.options.find((option) => option.key === key);
  if (!spec) return path.join('.');
  return spec.positional ? spec.flag : (spec.flag.split(' ')[0] as string);
}
