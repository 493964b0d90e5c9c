import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../schema/input-error.ts';
import { readNetworkHistoryFiles } from './network-history-files.ts';

// The first days and epochs of the real embedded files, then mutated one fault at a time.
const dataDir = new URL('../../data/', import.meta.url);
const dailyLines = readFileSync(new URL('network-daily.csv', dataDir), 'utf8').split('\n').slice(0, 31);
const epochLines = readFileSync(new URL('difficulty-epochs.csv', dataDir), 'utf8').split('\n').slice(0, 4);

function load(daily: string[], epochs: string[] = epochLines) {
  return readNetworkHistoryFiles({
    daily: { name: 'daily.csv', text: daily.join('\n') + '\n' },
    epochs: { name: 'epochs.csv', text: epochs.join('\n') + '\n' },
  });
}

function replaceLine(lines: string[], lineNumber: number, edit: (line: string) => string): string[] {
  return lines.map((line, index) => (index === lineNumber - 1 ? edit(line) : line));
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.message;
  }
  assert.fail('expected an InputError');
}

test('the real first month loads: heights accumulate from block counts (genesis not counted)', () => {
  const history = load(dailyLines);
  assert.equal(history.daily.dayCount, 30);
  assert.equal(history.daily.tipHeight[5], 0); // 2009-01-08: only the genesis block
  assert.equal(history.daily.tipHeight[6], 19); // 2009-01-09: blocks 1 … 19
  assert.equal(history.epochs.count, 3);
  assert.equal(history.epochs.difficulty[0], 1);
});

test('a gap in the dates fails at its line', () => {
  const lines = dailyLines.filter((_, index) => index !== 10);
  assert.match(
    messageOf(() => load(lines)),
    /^daily\.csv:11:1: dates must be consecutive days/,
  );
});

test('a difficulty that disagrees with the epoch table fails at its line and column', () => {
  const lines = replaceLine(dailyLines, 20, (line) => line.replace(/^([^,]*,[^,]*,[^,]*,)1,/, '$12,'));
  assert.match(
    messageOf(() => load(lines)),
    /^daily\.csv:20:\d+: difficulty 2 is outside the difficulty of epochs 0–0/,
  );
});

test('issuance that does not follow the subsidy schedule fails', () => {
  const lines = replaceLine(dailyLines, 20, (line) =>
    line.replace(/,(\d+)\.00000000,cm-api$/, (_, coins) => `,${Number(coins) + 50}.00000000,cm-api`),
  );
  assert.match(
    messageOf(() => load(lines)),
    /^daily\.csv:20:\d+: issuance .* differs from the protocol schedule/,
  );
});

test('a day beyond the epochs listed fails', () => {
  assert.match(
    messageOf(() => load(dailyLines, epochLines.slice(0, 1))),
    /^daily\.csv:\d+:\d+: height \d+ at the end of the day is beyond the last epoch listed/,
  );
});

test('epoch table faults: numbering, heights, bits, chainwork', () => {
  assert.match(
    messageOf(() =>
      load(
        dailyLines,
        replaceLine(epochLines, 3, (line) => line.replace(/^1,2016,/, '1,2017,')),
      ),
    ),
    /^epochs\.csv:3:3: epoch 1 must start at height 2016/,
  );
  assert.match(
    messageOf(() =>
      load(
        dailyLines,
        replaceLine(epochLines, 3, (line) => line.replace('0x1d00ffff', '0x1e00ffff')),
      ),
    ),
    /^epochs\.csv:3:8: bits 0x1e00ffff do not encode a valid target/,
  );
  assert.match(
    messageOf(() =>
      load(
        dailyLines,
        replaceLine(epochLines, 3, (line) => line.replace(/7e107e107e1$/, '7e107e107e2')),
      ),
    ),
    /^epochs\.csv:3:\d+: chainwork 7e107e107e2 disagrees with the work of the listed targets \(7e107e107e1\)/,
  );
  assert.match(
    messageOf(() =>
      load(
        dailyLines,
        epochLines.filter((_, index) => index !== 2),
      ),
    ),
    /^epochs\.csv:3:1: expected epoch 1, found 2/,
  );
});
