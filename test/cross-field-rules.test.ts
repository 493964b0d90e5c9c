// Issue 19, "inconsistent files": rules across fields and files refuse a file at the field at fault and name the place
// it contradicts too — through `rerate value` (and once over the API), on the real CIFR file with one edit each
// (exit 2, nothing printed on stdout, no run saved).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { coverageDir, coverageFiles } from '../src/data/coverage-files.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { packageDataDir } from '../src/data/embedded-snapshot.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { rerate } from './support/cli-runner.ts';

const dir = mkdtempSync(join(tmpdir(), 'rerate-rules-'));
for (const name of readdirSync(coverageDir())) copyFileSync(join(coverageDir(), name), join(dir, name));
/** Beside the coverage, not in it (every YAML file there is a company). */
const scenarioDir = mkdtempSync(join(tmpdir(), 'rerate-rules-scenario-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(scenarioDir, { recursive: true, force: true });
});
const CIFR = readFileSync(join(coverageDir(), 'CIFR.yaml'), 'utf8');

/** The 1-based line of the first line holding `needle` (after `from`, when given). */
function lineOf(text: string, needle: string, from = ''): number {
  const start = from === '' ? 0 : text.indexOf(from);
  assert.ok(start >= 0 && text.indexOf(needle, start) >= 0, needle);
  return text.slice(0, text.indexOf(needle, start)).split('\n').length;
}

function edit(from: string, to: string): string {
  assert.ok(CIFR.includes(from), from);
  return CIFR.replace(from, to);
}

/** `rerate value CIFR` over the edited file: its error lines (the command must be refused). */
async function refused(text: string, today = '2026-02-05', extra: string[] = []): Promise<string> {
  writeFileSync(join(dir, 'CIFR.yaml'), text);
  try {
    const ports = defaultPorts({
      env: { RERATE_DB: ':memory:', RERATE_TODAY: today },
      monteCarlo: inProcessMonteCarlo,
    });
    const run = await rerate({ ...ports, coverage: coverageFiles(dir, 'cov', ports.clock.today) }, [
      'value',
      'CIFR',
      ...extra,
    ]);
    assert.equal(run.code, 2, run.stderr + run.stdout.slice(0, 300));
    assert.equal(run.stdout, '');
    assert.doesNotMatch(run.stderr, /saved/);
    return run.stderr;
  } finally {
    writeFileSync(join(dir, 'CIFR.yaml'), CIFR);
  }
}

const SITES = 'sites at cov/CIFR.yaml:11:3';

test('a pipeline project or a lease on a site the file does not list: the reference and the sites', async () => {
  const pipeline = edit('      site: Ulysses\n', '      site: Ulyses\n');
  assert.match(
    await refused(pipeline),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(pipeline, 'site: Ulyses')}:13: hpc\\.pipeline\\.0\\.site: ` +
        `no site named "Ulyses" in sites \\(${SITES}\\)`,
    ),
  );
  const lease = edit('      site: Black Pearl\n', '      site: Black Perl\n');
  assert.match(
    await refused(lease),
    new RegExp(`cov/CIFR\\.yaml:${lineOf(lease, 'site: Black Perl')}:13: hpc\\.leases\\.0\\.site: .*\\(${SITES}\\)`),
  );
});

test('two sites with one name: the second and the first', async () => {
  const text = edit('  - name: Colchis\n', '  - name: Ulysses\n').replace('site: Colchis', 'site: Ulysses');
  assert.match(
    await refused(text),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(text, '- name: Ulysses', 'grossMw: 200')}:11: sites\\.4\\.name: ` +
        `a second site named "Ulysses".* \\(the first at cov/CIFR\\.yaml:${lineOf(text, '- name: Ulysses')}:11\\)`,
    ),
  );
});

test('energization or displaced mining above the gross MW of the site: the figure and the gross MW', async () => {
  const energized = edit('      - { date: 2027-01-31, mw: 300 }', '      - { date: 2027-01-31, mw: 320 }');
  assert.match(
    await refused(energized),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(energized, 'mw: 320')}:33: sites\\.0\\.energization\\.1\\.mw: 320 MW energized by ` +
        `2027-01-31 is above the site's gross 300 MW \\(grossMw at cov/CIFR\\.yaml:16:14\\)`,
    ),
  );
  const leased = edit('displacesMiningMw: { value: 150,', 'displacesMiningMw: { value: 350,');
  assert.match(
    await refused(leased),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(leased, 'value: 350')}:\\d+: hpc\\.leases\\.0\\.displacesMiningMw\\.value: ` +
        `350 MW of mining displaced is above the gross 300 MW of "Black Pearl" \\(its grossMw at cov/CIFR\\.yaml:` +
        `${lineOf(leased, 'grossMw: 300', '- name: Black Pearl')}:14\\)`,
    ),
  );
  const project = edit('      site: Ulysses\n', '      site: Ulysses\n      displacesMiningMw: 250\n');
  assert.match(
    await refused(project),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(project, 'displacesMiningMw: 250')}:26: hpc\\.pipeline\\.0\\.displacesMiningMw: ` +
        `250 MW .* "Ulysses" \\(its grossMw at cov/CIFR\\.yaml:${lineOf(project, 'grossMw: 200')}:14\\)`,
    ),
  );
});

test("a balance sheet dated after its file: the balance sheet's date and the file's", async () => {
  const text = edit('balanceSheet:\n  asOf: 2025-09-30', 'balanceSheet:\n  asOf: 2026-03-01');
  assert.match(
    await refused(text),
    new RegExp(
      `cov/CIFR\\.yaml:${lineOf(text, 'asOf: 2026-03-01')}:9: balanceSheet\\.asOf: the balance sheet is dated ` +
        `2026-03-01, after the file's date 2026-02-04: .*\\(the file's asOf at cov/CIFR\\.yaml:8:7\\)`,
    ),
  );
});

test('a file dated after today is refused at its date; a day ahead is a time zone, not the future', async () => {
  assert.match(
    await refused(CIFR, '2026-02-02'),
    /cov\/CIFR\.yaml:8:7: asOf: the file is dated 2026-02-04, after today \(2026-02-02, the clock; RERATE_TODAY/,
  );
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-03' } });
  const shown = await rerate({ ...ports, coverage: coverageFiles(dir, 'cov', ports.clock.today) }, [
    'coverage',
    'show',
    'CIFR',
  ]);
  assert.equal(shown.code, 0, shown.stderr);
});

test('a scenario adjusting a ticker the coverage does not hold: its key, and the covered tickers', async () => {
  const base = readFileSync(join(packageDataDir(), 'scenarios', 'base.yaml'), 'utf8');
  const file = join(scenarioDir, 'typo.yaml');
  writeFileSync(
    file,
    `${base.replace(/^name: .*$/m, 'name: typo')}companies:\n  adjust:\n    CIFR: { power-price: 40 }\n` +
      '    CIRF: { power-price: 40 }\n  source: "assumption: a test"\n',
  );
  const stderr = await refused(CIFR, '2026-02-05', ['--scenario', file]);
  const line = readFileSync(file, 'utf8').split('\n').indexOf('    CIRF: { power-price: 40 }') + 1;
  assert.match(
    stderr,
    new RegExp(
      `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:11: companies\\.adjust\\.CIRF: no company file for ` +
        `"CIRF" in the coverage \\(covered: CIFR, CLSK, IREN, MARA, RIOT\\)`,
    ),
  );
});

test('over the API an inconsistent file is a 400 at the field at fault, naming the place it contradicts', async () => {
  const text = edit('      site: Ulysses\n', '      site: Ulyses\n');
  writeFileSync(join(dir, 'CIFR.yaml'), text);
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:', RERATE_TODAY: '2026-02-05' } });
  const app = await createApiServer({
    ports: { ...ports, coverage: coverageFiles(dir, 'cov', ports.clock.today) },
    commands: COMMANDS,
    host: '127.0.0.1',
    rateLimit: 'off',
  });
  try {
    const response = await app.inject({ method: 'GET', url: '/api/v1/value/CIFR' });
    assert.equal(response.statusCode, 400, response.body);
    const body = response.json() as { code: string; path: string; message: string };
    assert.equal(body.code, 'invalid-input');
    assert.equal(body.path, `cov/CIFR.yaml:${lineOf(text, 'site: Ulyses')}:13`);
    assert.match(body.message, new RegExp(`no site named "Ulyses" in sites \\(${SITES}\\)`));
  } finally {
    await app.close();
    await ports.runs.close();
    writeFileSync(join(dir, 'CIFR.yaml'), CIFR);
  }
});
