// Runs every *.test.ts under src/ and test/ with node:test via tsx.
// Node 20 does not glob .ts files itself, and with no files node:test passes while running nothing,
// so the list is built here and an empty list is an error.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = ['src', 'test'].flatMap(findTests).sort();
if (files.length === 0) {
  console.error('run-tests: no *.test.ts files found under src/ or test/');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
