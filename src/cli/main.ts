/** Composition root of the `rerate` command: the registry, the embedded data adapter, the process. */
import { COMMANDS } from '../app/registry.ts';
import { defaultPorts } from './default-ports.ts';
import { progressLines } from './progress-lines.ts';
import { EXIT_FAILURE, runCli } from './run-cli.ts';
import { serveCommand } from './serve-command.ts';

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

runCli(process.argv.slice(2), COMMANDS, ports, io, [serve])
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
