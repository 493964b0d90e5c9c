// Runs the `rerate` command in process, as the CLI does, with its output captured: for end-to-end tests.
import assert from 'node:assert/strict';
import { COMMANDS } from '../../src/app/registry.ts';
import type { AppPorts } from '../../src/app/ports/app-ports.ts';
import { runCli } from '../../src/cli/run-cli.ts';

export async function rerate(
  ports: AppPorts,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, COMMANDS, ports, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

/** The `--json` envelope of a run that must exit with `expectedCode` (0 by default). */
export async function rerateJson(ports: AppPorts, args: string[], expectedCode = 0) {
  const run = await rerate(ports, [...args, '--json']);
  assert.equal(run.code, expectedCode, run.stderr + run.stdout);
  return JSON.parse(run.stdout);
}
