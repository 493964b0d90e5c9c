/** Composition root of the `rerate` command: the registry, the embedded data adapter, the process. */
import { ENGINE_VERSION } from '../app/engine-version.ts';

const args = process.argv.slice(2);
// A reader that stops early (`rerate … | head`) closes the pipe: stop quietly rather than with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
// `rerate --version` answers (as commander would) before anything else loads, so it starts about as fast as node.
// Everything else is imported dynamically: scripts/build.mjs splits it into chunks beside dist/rerate.js.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${ENGINE_VERSION}\n`);
else void runCommand(args);

async function runCommand(argv: string[]): Promise<void> {
  // One after the other, so modules evaluate in the order static imports gave them.
  const { COMMANDS } = await import('../app/registry.ts');
  const { defaultPorts } = await import('./default-ports.ts');
  const { progressLines } = await import('./progress-lines.ts');
  const { EXIT_FAILURE, runCli } = await import('./run-cli.ts');
  const { serveCommand } = await import('./serve-command.ts');

  // Progress only on a terminal (DESIGN.md §10): logs and pipes get the result and its warnings alone.
  const ports = {
    ...defaultPorts(),
    progress: process.stderr.isTTY ? progressLines((text) => process.stderr.write(text)) : undefined,
  };
  const io = {
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  };

  // The server reports nothing as progress: its ports are the CLI's without the terminal's progress lines.
  const serve = serveCommand({ ports: { ...ports, progress: undefined }, commands: COMMANDS, env: process.env });

  await runCli(argv, COMMANDS, ports, io, [serve])
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(
          `rerate: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exitCode = EXIT_FAILURE;
      },
    )
    .finally(() => ports.runs.close());
}
