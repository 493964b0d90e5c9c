// Every surface fact lives on the command's declaration: its options come from its input schema, and the commands
// whose runs are saved, served as downloads or not served are read off the declarations, not off lists by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../src/app/registry.ts';
import { SAVED_RUN_COMMANDS } from '../src/app/revisions/saved-commands.ts';

const shapeKeys = (schema: unknown) => Object.keys((schema as { shape: Record<string, unknown> }).shape);

test('every command has one option per input field, in the schema order, each with help text', () => {
  for (const command of COMMANDS) {
    assert.deepEqual(
      command.options.map((option) => option.key),
      shapeKeys(command.inputSchema),
      command.name,
    );
    for (const option of command.options) assert.ok(option.description.length > 0, `${command.name} ${option.key}`);
    // Required arguments come before optional ones, as the command line reads them.
    const argumentFlags = command.options.filter((option) => option.positional).map((option) => option.flag[0]);
    assert.deepEqual(argumentFlags, [...argumentFlags].sort(), command.name);
  }
});

test('the commands runs and diff recompute are the registry commands declared with savedRun', () => {
  const declared = COMMANDS.filter((command) => command.savedRun).map((command) => command.name);
  assert.deepEqual(declared.sort(), ['estimates', 'update', 'value']);
  assert.deepEqual(SAVED_RUN_COMMANDS.map((command) => command.name).sort(), declared);
  for (const command of SAVED_RUN_COMMANDS) assert.ok(COMMANDS.includes(command));
});

test('downloads are not served as envelopes; results that depend on the stores are not cached', () => {
  const downloads = COMMANDS.filter((command) => command.http?.download).map((command) => command.name);
  assert.deepEqual(downloads.sort(), ['export', 'note']);
  for (const name of downloads) {
    assert.ok(COMMANDS.find((command) => command.name === name)?.http?.notServed, name);
  }
  const uncached = COMMANDS.filter((command) => command.http?.uncached).map((command) => command.name);
  assert.deepEqual(uncached.sort(), ['data status', 'diff', 'filings show', 'runs list', 'runs replay', 'runs show']);
});
