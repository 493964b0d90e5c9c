// A staged write of a Markdown note and its charts folder (src/report/staged-write.ts) that kills itself with SIGKILL
// just before its N-th file-system call that changes or syncs something, so a test can look at what every crash
// point leaves:
//   node --import tsx test/support/staged-write-crasher.ts <folder> <N>     (N = 0: never; prints the calls made)
// The new note is `note.md` ("new note") with `note-charts/a.svg` and `b.svg` ("new a", "new b").
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [folder, crashAtText] = process.argv.slice(2);
const crashAt = Number(crashAtText);
let calls = 0;
const patched = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['mkdirSync', 'writeFileSync', 'renameSync', 'rmSync', 'fsyncSync']) {
  const original = patched[name] as (...args: unknown[]) => unknown;
  patched[name] = (...args: unknown[]) => {
    calls += 1;
    if (calls === crashAt) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
}
// The named imports of node:fs (what staged-write.ts uses) follow the patched default export from here on.
syncBuiltinESMExports();
const { writeStaged } = await import('../../src/report/staged-write.ts');
await writeStaged(folder as string, 'note.md', (staging) => {
  staging.makeFolder('note-charts');
  staging.writeFile('note-charts/a.svg', 'new a');
  staging.writeFile('note-charts/b.svg', 'new b');
  staging.writeFile('note.md', 'new note');
  return [
    { staged: 'note-charts', target: 'note-charts' },
    { staged: 'note.md', target: 'note.md' },
  ];
});
process.stdout.write(`${calls}\n`);
