import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settleAbandonedWrites, writeStaged } from './staged-write.ts';
import { folderTree as tree } from '../../test/support/folder-tree.ts';

const CRASHER = fileURLToPath(new URL('../../test/support/staged-write-crasher.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

function tempFolder(t: TestContext): string {
  const folder = mkdtempSync(join(tmpdir(), 'rerate-staged-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const OLD = {
  'keep.txt': 'the user’s',
  'note-charts/': '',
  'note-charts/a.svg': 'old a',
  'note-charts/c.svg': 'old c',
};
const OLD_TREE = { ...OLD, 'note.md': 'old note' };
const NEW_TREE = {
  'keep.txt': 'the user’s',
  'note-charts/': '',
  'note-charts/a.svg': 'new a',
  'note-charts/b.svg': 'new b',
  'note.md': 'new note',
};

function writeOld(folder: string): void {
  mkdirSync(join(folder, 'note-charts'));
  for (const [name, text] of Object.entries(OLD_TREE)) if (!name.endsWith('/')) writeFileSync(join(folder, name), text);
}

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

test('a staged write replaces files and a folder, keeps what it does not name, and leaves nothing else', async (t) => {
  const folder = tempFolder(t);
  writeOld(folder);
  await writeStaged(folder, 'note.md', (staging) => {
    staging.makeFolder('note-charts');
    staging.writeFile('note-charts/a.svg', 'new a');
    staging.writeFile('note-charts/b.svg', 'new b');
    staging.writeFile('note.md', 'new note');
    return [
      { staged: 'note-charts', target: 'note-charts' },
      { staged: 'note.md', target: 'note.md' },
    ];
  });
  assert.deepEqual(tree(folder), NEW_TREE);
});

test('a write that fails before its commit leaves every target as it was and no staging folder', async (t) => {
  const folder = tempFolder(t);
  writeOld(folder);
  await assert.rejects(
    writeStaged(folder, 'note.md', (staging) => {
      staging.writeFile('note.md', 'half');
      throw new Error('the note could not be built');
    }),
    /could not be built/,
  );
  // A file over a folder is refused before anything moves (not after the charts were swapped in).
  await assert.rejects(
    writeStaged(folder, 'note.md', (staging) => {
      staging.makeFolder('note-charts');
      staging.writeFile('keep.txt', 'x');
      return [
        { staged: 'note-charts', target: 'note-charts' },
        { staged: 'keep.txt', target: 'note-charts' },
      ];
    }),
    /note-charts is a folder/,
  );
  await assert.rejects(
    writeStaged(folder, 'x', (staging) => [{ staged: staging.writeFile('x', '') && 'x', target: '../x' }]),
    /internal error: a staged move must name entries of the folder/,
  );
  assert.deepEqual(tree(folder), OLD_TREE);
});

test('abandoned staging folders: a committed one is carried forward, others removed, a live one kept', (t) => {
  const folder = tempFolder(t);
  writeOld(folder);
  const dead = deadPid();
  // Committed, killed after moving the old charts aside: the new charts and the note are moved in.
  const committed = join(folder, `.note.md.rerate-staging-${dead}-0123456789ab`);
  mkdirSync(join(committed, 'new', 'note-charts'), { recursive: true });
  writeFileSync(join(committed, 'new', 'note-charts', 'a.svg'), 'new a');
  writeFileSync(join(committed, 'new', 'note-charts', 'b.svg'), 'new b');
  writeFileSync(join(committed, 'new', 'note.md'), 'new note');
  const moves = [
    { staged: 'note-charts', target: 'note-charts' },
    { staged: 'note.md', target: 'note.md' },
  ];
  writeFileSync(join(committed, 'moves.json'), JSON.stringify(moves));
  mkdirSync(join(committed, 'previous-0'));
  for (const name of ['a.svg', 'c.svg']) writeFileSync(join(committed, 'previous-0', name), 'old');
  rmSync(join(folder, 'note-charts'), { recursive: true });
  // Not committed: removed, whatever it holds.
  const uncommitted = join(folder, `.other.html.rerate-staging-${dead}-ba9876543210`);
  mkdirSync(join(uncommitted, 'new'), { recursive: true });
  writeFileSync(join(uncommitted, 'new', 'other.html'), 'half');
  // A moves file that names a way out of the folder is not followed.
  const planted = join(folder, `.x.rerate-staging-${dead}-aaaaaaaaaaaa`);
  mkdirSync(join(planted, 'new'), { recursive: true });
  writeFileSync(join(planted, 'new', 'x'), 'planted');
  writeFileSync(join(planted, 'moves.json'), JSON.stringify([{ staged: 'x', target: '../escaped' }]));
  // This process's own: in use.
  const mine = join(folder, `.mine.rerate-staging-${process.pid}-bbbbbbbbbbbb`);
  mkdirSync(mine);

  assert.deepEqual(settleAbandonedWrites(folder).sort(), [committed, uncommitted, planted].map(nameOf).sort());
  assert.deepEqual(tree(folder), { ...NEW_TREE, [`${nameOf(mine)}/`]: '' });
  assert.deepEqual(readdirSync(join(folder, '..')).includes('escaped'), false);
});

test("an earlier version's temporaries of a process that is gone are removed; a live process's are kept", (t) => {
  const folder = tempFolder(t);
  writeOld(folder);
  const dead = deadPid();
  const debris = [
    `note-charts.incoming-${dead}`,
    `note.md.incoming-${dead}`,
    `.out.xlsx.${dead}-0123456789ab.tmp`,
    `.note.pdf.${dead}.01234567.tmp`,
  ];
  mkdirSync(join(folder, debris[0] as string));
  writeFileSync(join(folder, debris[0] as string, 'a.svg'), 'half');
  for (const name of debris.slice(1)) writeFileSync(join(folder, name), 'half');
  const live = `note-charts.incoming-${process.pid}`;
  mkdirSync(join(folder, live));

  assert.deepEqual(settleAbandonedWrites(folder).sort(), [...debris].sort());
  assert.deepEqual(tree(folder), { ...OLD_TREE, [`${live}/`]: '' });
});

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

const everyCrashPointTestName =
  'killed at every file-system step of a write, the folder holds the old note or the new one, never a mix, and ' +
  'nothing else once the next write starts';
test(everyCrashPointTestName, { timeout: 120_000 }, (t) => {
  const crash = (folder: string, at: number) =>
    spawnSync(process.execPath, ['--import', 'tsx', CRASHER, folder, String(at)], { cwd: REPO, encoding: 'utf8' });
  const full = tempFolder(t);
  writeOld(full);
  const whole = crash(full, 0);
  assert.equal(whole.status, 0, whole.stderr);
  const steps = Number(whole.stdout.trim());
  assert.deepEqual(tree(full), NEW_TREE);
  assert.ok(steps >= 10, `${steps} steps`);

  const outcomes: string[] = [];
  for (let at = 1; at <= steps; at++) {
    const folder = tempFolder(t);
    writeOld(folder);
    const killed = crash(folder, at);
    assert.equal(killed.signal, 'SIGKILL', `step ${at}: ${killed.stderr}`);
    // Before anything is settled: the note itself is the old one or the new one, whole.
    assert.ok(['old note', 'new note'].includes(readFileSync(join(folder, 'note.md'), 'utf8')), `step ${at}`);
    // The next write's start settles what the crash left: the old state or the new, nothing else.
    settleAbandonedWrites(folder);
    const state = tree(folder);
    const outcome =
      JSON.stringify(state) === JSON.stringify(OLD_TREE)
        ? 'old'
        : JSON.stringify(state) === JSON.stringify(NEW_TREE)
          ? 'new'
          : JSON.stringify(state);
    outcomes.push(outcome);
  }
  // Old up to the commit point, new from it on.
  const firstNew = outcomes.indexOf('new');
  assert.ok(firstNew > 0, outcomes.join(' '));
  assert.deepEqual(outcomes, [...Array(firstNew).fill('old'), ...Array(steps - firstNew).fill('new')]);
});
