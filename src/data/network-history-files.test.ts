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

test('bounds (issue 19): no day before the genesis block, no day beyond a bound, no epoch time past 32 bits', () => {
  const header = dailyLines[0] as string;
  const before = [header, '2009-01-02,0,,,,0.00000000,cm-api', ...dailyLines.slice(1)];
  assert.match(
    messageOf(() => load(before)),
    /^daily\.csv:2:1: 2009-01-02 is before the genesis block \(2009-01-03\): there is no hashrate/,
  );
  // The 20th line is a day with blocks; each bounded column set beyond its bound is refused at its column.
  const columns = header.split(',');
  for (const [column, value, message] of [
    ['blocks', '2017', /above 2,016 blocks/],
    ['price_usd', '1e12', /above 1e9 USD/],
    ['fees_btc', '1e308', /above 21,000,000 BTC/],
  ] as const) {
    const index = columns.indexOf(column);
    const lines = replaceLine(dailyLines, 20, (line) =>
      line
        .split(',')
        .map((field, i) => (i === index ? value : field))
        .join(','),
    );
    const at = (lines[19] as string).split(',').slice(0, index).join(',').length + (index > 0 ? 2 : 1);
    assert.match(
      messageOf(() => load(lines)),
      new RegExp(`^daily\\.csv:20:${at}: column "${column}": .*`),
      column,
    );
    assert.match(
      messageOf(() => load(lines)),
      message,
      column,
    );
  }
  assert.match(
    messageOf(() =>
      load(
        dailyLines,
        replaceLine(epochLines, 3, (line) => line.replace(/,(\d{10}),/, ',4294967296,')),
      ),
    ),
    /^epochs\.csv:3:\d+: a header's time is a 32-bit number/,
  );
});
