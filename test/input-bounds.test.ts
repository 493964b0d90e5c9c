// Issue 19, "absurd magnitudes": every number an input file gives has a physical or economic bound, and a value
// beyond it is refused at its file:line:column — through the CLI and the API — rather than failing deep inside or
// being saved as a run. The bounds are read from the schemas' JSON Schema, so a number added without a bound fails
// here too; every shipped data file stays within them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { COMMANDS } from '../src/app/registry.ts';
import type { AppPorts } from '../src/app/ports/app-ports.ts';
import { defaultPorts, type DefaultPorts } from '../src/cli/default-ports.ts';
import { calendarFile } from '../src/data/calendar-file.ts';
import { coverageDir, coverageFiles, parseCompanyText } from '../src/data/coverage-files.ts';
import { embeddedSnapshot } from '../src/data/embedded-snapshot.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { reportedFigureFiles } from '../src/data/reported-figure-files.ts';
import { methodologyFiles, parseMethodologyText } from '../src/data/methodology-files.ts';
import { parseForwardCurve, parseScenarioText, scenarioFiles } from '../src/data/scenario-files.ts';
import { InputError } from '../src/schema/input-error.ts';
import * as bounds from '../src/schema/bounds.ts';
import { companyFileSchema } from '../src/schema/company.ts';
import { methodologyFileSchema } from '../src/schema/methodology.ts';
import { parseReportedFigures } from '../src/schema/reported-figures.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate } from './support/cli-runner.ts';

const TODAY = '2026-02-05';
const TICKERS = readdirSync(coverageDir())
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

type Path = (string | number)[];
interface Leaf {
  ticker: string;
  path: Path;
  /** 1-based line of the number in the file. */
  line: number;
  range: [number, number];
}
interface NumberBound {
  min: number;
  minExclusive: boolean;
  max: number;
}

/** Every number written in a YAML text, with its field path and place. */
function numericLeaves(ticker: string, text: string): Leaf[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const leaves: Leaf[] = [];
  const walk = (node: Node | null | undefined, path: Path): void => {
    if (isMap(node)) for (const pair of node.items) walk(pair.value as Node, [...path, String(pair.key)]);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node, [...path, i]));
    else if (isScalar(node) && typeof node.value === 'number' && node.range)
      leaves.push({
        ticker,
        path,
        line: lineCounter.linePos(node.range[0]).line,
        range: [node.range[0], node.range[1]],
      });
  };
  walk(document.contents as Node, []);
  return leaves;
}

type JsonSchema = Record<string, unknown> & {
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
};

/** The number schemas a field path can reach in a JSON Schema (through unions, arrays, records). */
function numberSchemasAt(schema: JsonSchema, path: Path): JsonSchema[] {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.flatMap((option) => numberSchemasAt(option, path));
  if (path.length === 0) return schema['type'] === 'number' || schema['type'] === 'integer' ? [schema] : [];
  const [key, ...rest] = path;
  const next =
    typeof key === 'number'
      ? (schema['items'] as JsonSchema | undefined)
      : (schema.properties?.[key as string] ?? (schema['additionalProperties'] as JsonSchema | undefined));
  return next && typeof next === 'object' ? numberSchemasAt(next, rest) : [];
}

function boundOf(schema: JsonSchema): NumberBound {
  const exclusive = schema['exclusiveMinimum'];
  return {
    min: (exclusive ?? schema['minimum']) as number,
    minExclusive: exclusive !== undefined,
    max: schema['maximum'] as number,
  };
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const COMPANY_JSON = jsonSchemaOf(companyFileSchema);

function boundOfLeaf(leaf: Leaf, json: JsonSchema = COMPANY_JSON): NumberBound {
  const schemas = numberSchemasAt(json, leaf.path);
  assert.equal(schemas.length, 1, `one number schema at ${leaf.path.join('.')}`);
  return boundOf(schemas[0] as JsonSchema);
}

const within = (value: number, b: NumberBound) =>
  Number.isFinite(value) && (b.minExclusive ? value > b.min : value >= b.min) && value <= b.max;

/** A value beyond the leaf's bound, as YAML text: above it, below it, or absurd (1e308, 1e-300, NaN, Infinity). */
function beyond(leaf: Leaf, json: JsonSchema = COMPANY_JSON): fc.Arbitrary<string> {
  const b = boundOfLeaf(leaf, json);
  const above = fc.double({ min: 1.001, max: 1e6, noNaN: true }).map((factor) => b.max * factor + 1e-9);
  const below =
    b.min > 0
      ? fc.double({ min: 0, max: 0.999, noNaN: true }).map((factor) => b.min * factor)
      : fc.double({ min: 1e-9, max: 1e12, noNaN: true }).map((magnitude) => b.min - magnitude);
  const absurd = fc.constantFrom(1e308, -1e308, 1e-300, -1e-300).filter((value) => !within(value, b));
  const numbers = fc.oneof(above, below, absurd).map((value) => String(value));
  return fc.oneof(numbers, fc.constantFrom('.nan', '.inf', '-.inf', 'NaN', '1e999', '"12"'));
}

const ORIGINAL = new Map(
  TICKERS.map((ticker) => [ticker, readFileSync(join(coverageDir(), `${ticker}.yaml`), 'utf8')]),
);
const LEAVES = TICKERS.flatMap((ticker) => numericLeaves(ticker, ORIGINAL.get(ticker) as string));
const leafAndValue = fc.constantFrom(...LEAVES).chain((leaf) => beyond(leaf).map((text) => ({ leaf, text })));

/** A copy of the coverage in a temporary folder, one file of which each case edits. */
function editableCoverage() {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-bounds-'));
  for (const ticker of TICKERS) copyFileSync(join(coverageDir(), `${ticker}.yaml`), join(dir, `${ticker}.yaml`));
  return {
    dir,
    write(leaf: Leaf, text: string) {
      const original = ORIGINAL.get(leaf.ticker) as string;
      const edited = original.slice(0, leaf.range[0]) + text + original.slice(leaf.range[1]);
      writeFileSync(join(dir, `${leaf.ticker}.yaml`), edited);
    },
    restore(leaf: Leaf) {
      writeFileSync(join(dir, `${leaf.ticker}.yaml`), ORIGINAL.get(leaf.ticker) as string);
    },
  };
}

function portsOver(dir: string): DefaultPorts {
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:', RERATE_TODAY: TODAY }, monteCarlo: inProcessMonteCarlo });
  return { ...ports, coverage: coverageFiles(dir, 'edited', () => TODAY) };
}

test('every number of the company and methodology schemas has a lower and an upper bound', () => {
  for (const [name, schema] of [
    ['company', companyFileSchema],
    ['methodology', methodologyFileSchema],
  ] as const) {
    const unbounded: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as JsonSchema;
      if (record['type'] === 'number' || record['type'] === 'integer') {
        const b = boundOf(record);
        if (!Number.isFinite(b.min) || !Number.isFinite(b.max)) unbounded.push(where);
        return;
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${where}/${key}`);
    };
    walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), '');
    assert.deepEqual(unbounded, [], `${name}: numbers without a bound`);
  }
  assert.ok(LEAVES.length > 200, `the shipped files give ${LEAVES.length} numbers`);
  for (const leaf of LEAVES) assert.ok(within(Number(valueAt(leaf)), boundOfLeaf(leaf)), leaf.path.join('.'));
});

function valueAt(leaf: Leaf): string {
  return (ORIGINAL.get(leaf.ticker) as string).slice(leaf.range[0], leaf.range[1]);
}

test('CLI: any number of a shipped company file set beyond its bound is refused at its line, exit 2', async () => {
  const coverage = editableCoverage();
  const ports: AppPorts = portsOver(coverage.dir);
  try {
    await fc.assert(
      fc.asyncProperty(leafAndValue, async ({ leaf, text }) => {
        coverage.write(leaf, text);
        try {
          const run = await rerate(ports, ['value', leaf.ticker, '--no-save']);
          assert.equal(run.code, 2, `${leaf.path.join('.')} = ${text}: ${run.stderr}${run.stdout.slice(0, 200)}`);
          assert.match(run.stderr, new RegExp(`rerate: error: edited/${leaf.ticker}\\.yaml:${leaf.line}:\\d+: `));
          assert.equal(run.stdout, '');
        } finally {
          coverage.restore(leaf);
        }
      }),
      { numRuns: 100 },
    );
  } finally {
    rmSync(coverage.dir, { recursive: true, force: true });
  }
});

describe('API: a company file beyond its bounds is a 400 naming file:line:column', () => {
  const coverage = editableCoverage();
  const held: { ports?: DefaultPorts; app?: Awaited<ReturnType<typeof createApiServer>> } = {};
  before(async () => {
    held.ports = portsOver(coverage.dir);
    held.app = await createApiServer({ ports: held.ports, commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off' });
  });
  after(async () => {
    await held.app?.close();
    await held.ports?.runs.close();
    rmSync(coverage.dir, { recursive: true, force: true });
  });

  test('value, coverage show and estimates refuse it', async () => {
    const app = held.app as NonNullable<typeof held.app>;
    await fc.assert(
      fc.asyncProperty(leafAndValue, fc.constantFrom('value', 'coverage/show', 'estimates'), async (edit, route) => {
        const { leaf, text } = edit;
        coverage.write(leaf, text);
        try {
          const response = await app.inject({ method: 'GET', url: `/api/v1/${route}/${leaf.ticker}` });
          assert.equal(response.statusCode, 400, `${leaf.path.join('.')} = ${text}: ${response.body}`);
          const body = response.json() as { code: string; path: string; message: string };
          assert.equal(body.code, 'invalid-input');
          assert.match(body.path, new RegExp(`^edited/${leaf.ticker}\\.yaml:${leaf.line}:\\d+$`));
        } finally {
          coverage.restore(leaf);
        }
      }),
      { numRuns: 30 },
    );
  });
});

test('a wrong type inside a figure written over several lines is refused at the value, not the figure', () => {
  const clsk = ORIGINAL.get('CLSK') as string;
  const figure = clsk.indexOf('  powerPriceUsdPerMwh:\n    value: 56\n');
  assert.ok(figure > 0, 'CLSK writes its power price as a block with a previous value');
  for (const [from, to, path] of [
    ['previously: { value: 49,', 'previously: { value: .nan,', 'fleet.powerPriceUsdPerMwh.previously.value'],
    ['    value: 56\n', '    value: "56 USD"\n', 'fleet.powerPriceUsdPerMwh.value'],
  ] as const) {
    const at = clsk.indexOf(from, figure);
    const text = clsk.slice(0, at) + to + clsk.slice(at + from.length);
    const line = text.slice(0, at).split('\n').length;
    assert.throws(
      () => parseCompanyText(text, 'CLSK.yaml', 'CLSK'),
      new RegExp(
        `^InputError: CLSK\\.yaml:${line}:\\d+: ${path.replaceAll('.', '\\.')}: expected a number of USD/MWh$`,
      ),
    );
  }
});

test('methodology presets: any number beyond its bound is refused at its line', () => {
  const json = jsonSchemaOf(methodologyFileSchema);
  const dir = new URL('../data/methodology/', import.meta.url);
  const presets = readdirSync(dir).map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
  const leaves = presets.flatMap(({ name, text }) => numericLeaves(name, text));
  for (const leaf of leaves)
    assert.ok(within(Number(textAt(leaf, presets)), boundOfLeaf(leaf, json)), leaf.path.join('.'));
  const edit = fc.constantFrom(...leaves).chain((leaf) => beyond(leaf, json).map((text) => ({ leaf, text })));
  fc.assert(
    fc.property(edit, ({ leaf, text }) => {
      const original = textAt(leaf, presets, true);
      const edited = original.slice(0, leaf.range[0]) + text + original.slice(leaf.range[1]);
      assert.throws(
        () => parseMethodologyText(edited, `edited/${leaf.ticker}`, false),
        (error) => error instanceof InputError && error.issues.some((issue) => issue.location?.line === leaf.line),
        `${leaf.path.join('.')} = ${text}`,
      );
    }),
    { numRuns: 200 },
  );
});

/** A leaf's text (or, with `whole`, its file's) among named texts. */
function textAt(leaf: Leaf, texts: { name: string; text: string }[], whole = false): string {
  const text = texts.find((t) => t.name === leaf.ticker)?.text as string;
  return whole ? text : text.slice(leaf.range[0], leaf.range[1]);
}

test('scenario files: absurd numbers and dates before the genesis block are refused at their line', () => {
  const base = readFileSync(new URL('../data/scenarios/base.yaml', import.meta.url), 'utf8');
  const scenario = (extra: string) =>
    parseScenarioText(`${base.replace(/^name: .*$/m, 'name: edited')}${extra}`, 's.yaml', false);
  const line = base.split('\n').length;
  assert.equal(scenario('').scenario.name, 'edited');
  for (const [extra, message] of [
    ['companies:\n  adjust:\n    all: { power-price: 5000 }\n  source: "assumption: x"\n', /at most 1,000 USD\/MWh/],
    ['companies:\n  adjust:\n    all: { cap-rate: 1e-300 }\n  source: "assumption: x"\n', /cap rate of at least 1%/],
    ['companies:\n  adjust:\n    all: { signed-mw: 1e308 }\n  source: "assumption: x"\n', /at most 20,000 MW/],
  ] as const)
    assert.throws(() => scenario(extra), new RegExp(`s\\.yaml:${line + 2}:\\d+: .*${message.source}`), extra);
  const withPrice = (block: string) => base.replace(/^price:(\n {2}.*)+/m, `price:\n${block}`);
  for (const [block, at, message] of [
    ['  start: 1e308\n  source: "assumption: x"\n', 'start', /at most 1e9 USD/],
    ['  start: 1e-300\n  source: "assumption: x"\n', 'start', /at least 0\.01 USD/],
    ['  start: .nan\n  source: "assumption: x"\n', 'start', /expected a number of USD/],
    ['  points:\n    - { date: 2008-06-30, usd: 5 }\n  source: "assumption: x"\n', 'date', /from the genesis block/],
  ] as const) {
    const text = withPrice(block);
    assert.match(base, /^price:/m);
    const expectedLine = text.split('\n').findIndex((l) => l.includes(at === 'start' ? 'start:' : '2008-06-30')) + 1;
    assert.throws(
      () => parseScenarioText(text, 's.yaml', false),
      new RegExp(`s\\.yaml:${expectedLine}:\\d+: price\\..*${message.source}`),
      block,
    );
  }
});

test('every shipped data file loads within its bounds', async () => {
  const coverage = coverageFiles(undefined, undefined, () => TODAY);
  for (const ticker of await coverage.tickers()) assert.equal((await coverage.load(ticker)).company.ticker, ticker);
  assert.ok((await methodologyFiles().list()).length >= 2);
  const scenarios = scenarioFiles();
  for (const loaded of await scenarios.list()) {
    const curve = loaded.scenario.price?.curve;
    if (curve !== undefined) assert.ok((await scenarios.readForwardCurve(curve)).points.length > 0);
  }
  assert.ok((await reportedFigureFiles().embedded()).figures.length > 100);
  assert.ok((await calendarFile().events()).length > 0);
  assert.ok((await embeddedSnapshot().loadNetwork()).history.daily.dayCount > 6000);
});

test('CSV inputs: reported figures and forward curves beyond their bounds are refused at file:line:column', () => {
  const header = 'company,period,metric,value,unit,source_url,source_kind,note';
  const figure = (period: string, metric: string, value: string, unit: string) =>
    parseReportedFigures(`${header}\nCIFR,${period},${metric},${value},${unit},https://example.com/r,news,\n`, 'r.csv');
  assert.equal(figure('2025-01', 'btc_produced', '250', 'BTC')[0]?.value, 250);
  assert.throws(() => figure('2008-12', 'btc_produced', '1', 'BTC'), /r\.csv:2:6: column "period": 2008-12/);
  for (const [metric, value, unit, limit] of [
    ['btc_produced', '3e7', 'BTC', '21,000,000'],
    ['avg_hashrate', '20000', 'EH/s', '10,000'],
    ['blocks_won', '1e5', 'blocks', '10,000'],
    ['power_mw', '1e14', 'MW', '1e13'],
  ] as const)
    assert.throws(
      () => figure('2025-01', metric, value, unit),
      new RegExp(`r\\.csv:2:${15 + metric.length}: column "value": .* above ${limit} `),
      metric,
    );
  assert.equal(parseForwardCurve('date,usd\n2026-03-31,95000\n', 'c.csv').points[0]?.usd, 95000);
  assert.throws(
    () => parseForwardCurve('date,usd\n2026-03-31,2e9\n', 'c.csv'),
    /c\.csv:2:12: column "usd": at most 1e9/,
  );
  assert.throws(() => parseForwardCurve('date,usd\n2008-12-31,1\n', 'c.csv'), /c\.csv:2:1: 2008-12-31 is outside/);
  assert.throws(() => parseForwardCurve('date,usd\n2026-03-31,1e-300\n', 'c.csv'), /c\.csv:2:12: .*below the minimum/);
});

test('docs/company-file.md lists every bound with its limits', () => {
  const docs = readFileSync(new URL('../docs/company-file.md', import.meta.url), 'utf8');
  for (const [name, value] of Object.entries(bounds)) {
    if (typeof value !== 'object' || value === null || !('reason' in value)) continue;
    const bound = value as bounds.Bound;
    const row = docs.split('\n').find((line) => line.includes(`\`${name}\``));
    assert.ok(row, `docs/company-file.md has a row for ${name}`);
    assert.ok(row.includes(bounds.formatLimit(bound.min)), `${name}: the minimum ${bound.min}`);
    assert.ok(row.includes(bounds.formatLimit(bound.max)), `${name}: the maximum ${bound.max}`);
  }
});
