// One domain per valuation input (issue 19, "Bad input"): a sensitivity axis through a negative or otherwise
// out-of-domain value is refused exactly as `value --set` refuses that value, naming the flag (CLI exit 2, HTTP 400 at
// query.x / query.y / query.set); values inside the domain pass both. A property over every input at the schema, then
// the CLI and the API end to end.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import {
  sensitivityInputSchema,
  VALUATION_INPUT_DOMAINS,
  VALUATION_INPUT_NAMES,
  valueInputSchema,
} from '../src/schema/valuation-inputs.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate } from './support/cli-runner.ts';

const ports = defaultPorts({
  env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' },
  monteCarlo: inProcessMonteCarlo,
});
after(() => ports.runs.close());

/** The issue each schema gives for one input at one value: `--set INPUT=v` and an axis from `v` (x) or to `v` (y). */
function refusals(input: string, value: number) {
  const other = input === 'fees' ? 'hodl-premium=0:0:1' : 'fees=0:0:1';
  const set = valueInputSchema.safeParse({ target: 'RIOT', set: `${input}=${value}` });
  const x = sensitivityInputSchema.safeParse({ target: 'RIOT', x: `${input}=${value}:${value}:1`, y: other });
  const y = sensitivityInputSchema.safeParse({ target: 'RIOT', x: other, y: `${input}=${value}:${value}:1` });
  const issue = (parsed: typeof set | typeof x) =>
    parsed.success
      ? undefined
      : { path: parsed.error.issues[0]?.path.join('.'), message: parsed.error.issues[0]?.message };
  return { set: issue(set), x: issue(x), y: issue(y) };
}

test('property: a value outside an input’s domain is refused by --set and by either axis with one message', () => {
  const outside = fc.constantFrom(...VALUATION_INPUT_NAMES).chain((input) => {
    const { low, high } = VALUATION_INPUT_DOMAINS[input];
    const below = fc.double({ min: -1e12, max: low - Math.max(1, Math.abs(low)) * 1e-6, noNaN: true });
    const above = fc.double({ min: high + Math.max(1, Math.abs(high)) * 1e-6, max: 1e12, noNaN: true });
    // Six significant digits, as a user writes them; still outside after rounding.
    const margin = (bound: number) => Math.max(1, Math.abs(bound)) * 1e-6;
    const value = fc
      .oneof(below, above)
      .map((v) => Number(v.toPrecision(6)))
      .filter((v) => v < low - margin(low) || v > high + margin(high));
    return fc.tuple(fc.constant(input), value);
  });
  fc.assert(
    fc.property(outside, ([input, value]) => {
      const { low, high, unit } = VALUATION_INPUT_DOMAINS[input];
      const { set, x, y } = refusals(input, value);
      const rule = `${input} must be between ${low} and ${high} ${unit}`;
      assert.equal(set?.path, 'set');
      assert.equal(x?.path, 'x');
      assert.equal(y?.path, 'y');
      for (const issue of [set, x, y]) assert.ok(issue?.message?.startsWith(rule), `${issue?.message} ≠ ${rule}`);
      assert.equal(set?.message?.split('; found')[0], x?.message?.split('; found')[0]);
    }),
    { numRuns: 300 },
  );
  const inside = fc.constantFrom(...VALUATION_INPUT_NAMES).chain((input) => {
    const { low, high } = VALUATION_INPUT_DOMAINS[input];
    return fc.tuple(
      fc.constant(input),
      fc.double({ min: low, max: high, noNaN: true }).map((v) => v.toPrecision(8)),
    );
  });
  fc.assert(
    fc.property(inside, ([input, text]) => {
      const value = Number(text);
      fc.pre(value >= VALUATION_INPUT_DOMAINS[input].low && value <= VALUATION_INPUT_DOMAINS[input].high);
      assert.deepEqual(refusals(input, value), { set: undefined, x: undefined, y: undefined });
    }),
    { numRuns: 300 },
  );
});

test('an axis stepping to a bound within float noise is inside (0.1 + 9 × 0.1 is just above 1)', () => {
  const parsed = sensitivityInputSchema.safeParse({ target: 'RIOT', x: 'deal-probability=0.1:1:0.1', y: 'fees=0:0:1' });
  assert.ok(parsed.success, parsed.error?.message);
});

test('the CLI: negative BTC price and power price axes exit 2 at --x / --y, as --set does', async () => {
  for (const [args, message] of [
    [
      ['sensitivity', 'RIOT', '--x', 'btc-price=-20000:20000:10000', '--y', 'fees=0:0.1:0.1'],
      /^rerate: error: --x: btc-price must be between 1 and 1000000000 USD .*found an axis from -20000 to 20000/,
    ],
    [
      ['sensitivity', 'RIOT', '--x', 'btc-price=60000:80000:10000', '--y', 'power-price=-30:30:10'],
      /^rerate: error: --y: power-price must be between 0 and 1000 USD\/MWh/,
    ],
    [
      ['value', 'RIOT', '--set', 'power-price=-30'],
      /^rerate: error: --set: power-price must be between 0 and 1000 USD\/MWh .*found -30/,
    ],
  ] as const) {
    const run = await rerate(ports, [...args]);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
});

test('over HTTP: the same axes and --set answer 400 at query.x, query.y and query.set', async () => {
  const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
  try {
    for (const [query, path] of [
      ['x=btc-price=-10000:10000:10000&y=fees=0:0.1:0.1', 'query.x'],
      ['x=btc-price=60000:70000:10000&y=fees=-0.1:0.1:0.1', 'query.y'],
      ['x=btc-price=60000:70000:10000&y=hodl-premium=-2:0:1', 'query.y'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/sensitivity/RIOT?${query}` });
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      const body = response.json() as { code: string; path: string; message: string };
      assert.deepEqual([body.code, body.path], ['invalid-input', path]);
      assert.match(body.message, /must be between/);
    }
    const set = await app.inject({ method: 'GET', url: `/api/v1/value/RIOT?set=${encodeURIComponent('fees=-0.1')}` });
    assert.equal(set.statusCode, 400, set.body);
    assert.deepEqual([(set.json() as { path: string }).path], ['query.set']);
    assert.match((set.json() as { message: string }).message, /^fees must be between 0 and 10 BTC per block/);
  } finally {
    await app.close();
  }
});
