/**
 * Runs a command from raw input to its result envelope: validate, run with ports that record every input read,
 * check the output, and identify the inputs by the run manifest's hash (DESIGN.md §8).
 */
import { parseInput } from '../schema/parse-input.ts';
import type { CommandDefinition } from './command.ts';
import type { z } from 'zod';
import { ENGINE_VERSION } from './engine-version.ts';
import type { AppPorts } from './ports/app-ports.ts';
import type { ResultEnvelope } from '../schema/result-envelope.ts';
import { recordRun } from './runs/run-manifest.ts';
import { staleDataWarnings } from './live-data/data-freshness.ts';
import type { RunRecord } from './ports/run-store.ts';

export interface ExecutedCommand<Results = unknown> {
  envelope: ResultEnvelope<Results>;
  /** The run as the store keeps it (commands whose runs are saved only). */
  run: RunRecord | undefined;
}

export async function executeCommand<InputSchema extends z.ZodType, Results>(
  definition: CommandDefinition<InputSchema, Results>,
  rawInput: unknown,
  ports: AppPorts,
): Promise<ResultEnvelope<Results>> {
  return (await executeAndRecord(definition, rawInput, ports)).envelope;
}

export async function executeAndRecord<InputSchema extends z.ZodType, Results>(
  definition: CommandDefinition<InputSchema, Results>,
  rawInput: unknown,
  ports: AppPorts,
): Promise<ExecutedCommand<Results>> {
  return executeParsed(definition, parseInput(definition.inputSchema, rawInput), ports);
}

/** Runs a command on input that is already parsed: a surface's, or one recorded in a run manifest (replays). */
export async function executeParsed<InputSchema extends z.ZodType, Results>(
  definition: CommandDefinition<InputSchema, Results>,
  input: z.output<InputSchema>,
  ports: AppPorts,
): Promise<ExecutedCommand<Results>> {
  const recorder = recordRun(ports);
  const outcome = await definition.run(input, recorder.ports);
  // The output schema guards the boundary: a NaN or a missing field here is a bug, not bad input.
  const checked = definition.outputSchema.safeParse(outcome.results);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `internal error: ${definition.name} produced an invalid result at ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  // A default as-of date is the data's last day: recorded as resolved, so asking for that day by name is the same run.
  const takesAsOf = definition.options.some((option) => option.key === 'asOf');
  const fields = input as Record<string, unknown>; // every input schema is an object
  const recordedInput = takesAsOf && fields['asOf'] === undefined ? { ...fields, asOf: outcome.asOf } : fields;
  const { manifest, texts, id } = recorder.finish(definition.name, recordedInput, outcome.asOf, outcome.dataAsOf);
  // Data warnings travel with every command that read the data: a fallback from the local store, and stale series.
  const snapshot = recorder.snapshot();
  const dataWarnings = snapshot
    ? [...snapshot.warnings, ...staleDataWarnings(outcome.asOf, outcome.dataAsOf, ports.clock.today())]
    : [];
  const envelope: ResultEnvelope<Results> = withoutSecrets(ports.redact, {
    results: checked.data,
    asOf: outcome.asOf,
    inputsHash: id,
    dataAsOf: outcome.dataAsOf,
    warnings: [...outcome.warnings, ...dataWarnings],
    engineVersion: ENGINE_VERSION,
  });
  if (!definition.savedRun) return { envelope, run: undefined };
  return { envelope, run: { id, manifest, texts, envelope, ...definition.savedRun.figures(checked.data) } };
}

/**
 * The envelope with the configured secrets taken out of every text in it (a provider's error echoed in a warning or
 * a refresh report): what is printed, served and saved as a run (issue 19).
 */
function withoutSecrets<T>(redact: ((text: string) => string) | undefined, envelope: T): T {
  if (!redact) return envelope;
  const text = JSON.stringify(envelope);
  const clean = redact(text);
  return clean === text ? envelope : (JSON.parse(clean) as T);
}
