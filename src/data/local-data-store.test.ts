import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDataStore } from './local-data-store.ts';

const entry = (source: string) => ({
  source,
  kind: 'prices' as const,
  endpoint: 'http://127.0.0.1:1',
  at: '2026-02-09T12:00:00.000Z',
  ok: true,
  message: '4 daily closes',
});

test('what killed refreshes left is cleared by the next lock holder; a live offer for the lock stays', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  mkdirSync(join(dir, 'snapshots', '.incoming-123-456'), { recursive: true });
  writeFileSync(join(dir, 'snapshots', '.incoming-123-456', 'network-daily.csv'), 'date,blo');
  writeFileSync(join(dir, 'current.json.incoming-123'), '{"snapsh');
  writeFileSync(join(dir, `refresh.lock.${dead}-1770000000000`), String(dead));
  writeFileSync(join(dir, `refresh.lock.abandoned-${dead}`), '77');
  // The parent of this process is running: its offer is in use.
  writeFileSync(join(dir, `refresh.lock.${process.ppid}-1770000000001`), String(process.ppid));
  // A log line a crash cut short.
  appendFileSync(join(dir, 'refresh-log.jsonl'), `${JSON.stringify(entry('coinbase'))}\n{"source":"kra`);

  const store = localDataStore(dir);
  const release = await store.lock();
  assert.deepEqual(readdirSync(dir).sort(), [
    'refresh-log.jsonl',
    'refresh.lock',
    `refresh.lock.${process.ppid}-1770000000001`,
    'snapshots',
  ]);
  assert.deepEqual(readdirSync(join(dir, 'snapshots')), []);
  await store.logRefresh([entry('kraken'), entry('bitstamp')]);
  await release();
  // The cut line is skipped; the first entry after it is not lost with it.
  assert.deepEqual((await store.lastRefreshes()).map((last) => last.source).sort(), ['bitstamp', 'coinbase', 'kraken']);
});
