// The filing overlay store under SIGKILL (issue 20): a writer of overlays is killed at seeded points, and after each
// kill every overlay file is whole (it parses and validates), at most temporary files are left beside them, and the
// next write clears those. A link never replaces a file: an overlay once written is never changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filingOverlayStore } from '../src/data/filing-overlay-store.ts';
import { syntheticOverlay } from './support/filing-overlay-writer.ts';

const WRITER = new URL('./support/filing-overlay-writer.ts', import.meta.url).pathname;

/** Starts the writer and SIGKILLs it once it has written `afterWrites` overlays and `extraMs` more have passed. */
function killWriterAt(dataDir: string, afterWrites: number, extraMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').filter((line) => line.startsWith('written')).length >= afterWrites)
        setTimeout(() => child.kill('SIGKILL'), extraMs);
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer ended by itself: ${stderr}`)),
    );
  });
}

test('killed writers leave whole overlays and at most temporaries, which the next write clears', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rerate-overlay-crash-'));
  const store = filingOverlayStore(dataDir);
  const folder = join(dataDir, 'filings', 'MARA');
  try {
    // Seeded points: a few writes in, then a little later each time.
    for (const [afterWrites, extraMs] of [
      [1, 0],
      [3, 1],
      [5, 3],
      [2, 7],
    ] as const) {
      await killWriterAt(dataDir, afterWrites, extraMs);
      const names = readdirSync(folder);
      const overlays = store.list('MARA');
      for (const overlay of overlays) assert.equal(overlay.figures['balanceSheet.cashUsd']?.concepts.length, 200);
      const others = names.filter((name) => !name.endsWith('.json'));
      assert.ok(
        others.every((name) => /^\.incoming-\d+-\d+$/.test(name)),
        `only temporaries beside the overlays: ${others}`,
      );
      assert.equal(overlays.length, names.length - others.length);
    }
    const before = store.list('MARA');
    const again = await store.write(syntheticOverlay(1));
    assert.equal(again.created, false, 'an overlay once written stands');
    assert.deepEqual(store.list('MARA'), before);
    assert.deepEqual(
      readdirSync(folder).filter((name) => !name.endsWith('.json')),
      [],
      'the temporaries of killed writers are cleared',
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
