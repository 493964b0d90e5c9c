/** Runs a command from raw input to its result envelope: validate, run, check the output, hash the inputs. */
import { parseInput } from '../schema/parse-input.ts';
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type { CommandDefinition } from './command.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import type { AppPorts } from './ports.ts';
import type { ResultEnvelope } from './result-envelope.ts';

export async function executeCommand(
  definition: CommandDefinition,
  rawInput: unknown,
  ports: AppPorts,
): Promise<ResultEnvelope<unknown>> {
  const input = parseInput(definition.inputSchema, rawInput) as Record<string, unknown>;
  const outcome = await definition.run(input, ports);
  // The output schema guards the boundary: a NaN or a missing field here is a bug, not bad input.
  const checked = definition.outputSchema.safeParse(outcome.results);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`internal error: ${definition.name} produced an invalid result at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const inputsHash = sha256Hex(
    canonicalJson({ command: definition.name, input: { ...input, ...outcome.resolvedInputs }, engineVersion: ENGINE_VERSION }),
  );
  return {
    results: checked.data,
    asOf: outcome.asOf,
    inputsHash,
    dataAsOf: outcome.dataAsOf,
    warnings: outcome.warnings,
    engineVersion: ENGINE_VERSION,
  };
}
