// The replay plan: one stored run throughout is a replay of its own inputs; a mix of two runs takes each group of
// inputs (command fields, company-file keys, the methodology) from the run the plan names for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { LoadedCompany } from '../../inputs/loaded-files.ts';
import { companyFileSchema } from '../../schema/company.ts';
import { InputError } from '../../schema/input-error.ts';
import type { AppPorts } from '../ports/app-ports.ts';
import type { NetworkDataSnapshot } from '../ports/network-data.ts';
import type { RecordedSources, RunInputs } from '../ports/replay-source.ts';
import type { RunManifest } from '../ports/run-store.ts';
import { replayPlanOf, replayPorts } from './replay-plan.ts';

const cifr = parse(readFileSync(new URL('../../../data/coverage/CIFR.yaml', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

function runOf(id: string, input: Record<string, unknown>, snapshotId = 'snapshot-1'): RunInputs {
  const manifest: RunManifest = {
    command: 'value',
    input,
    asOf: '2026-02-04',
    files: [],
    coverage: null,
    data: { snapshotId, dataAsOf: {} },
    engineVersion: '0.1.0',
    codeCommit: null,
    seed: null,
  };
  return { id, manifest, texts: new Map() };
}

/** The recorded files of a run: its own CIFR company file (raw as written) and a methodology named after the run. */
function sourcesWith(raw: Record<string, unknown>, runId: string): RecordedSources {
  const loaded: LoadedCompany = {
    company: companyFileSchema.parse(raw),
    raw,
    file: 'data/coverage/CIFR.yaml',
    sha256: runId,
    text: '',
  };
  return {
    coverage: { tickers: async () => ['CIFR'], load: async () => loaded },
    scenarios: {
      list: async () => [],
      load: async () => {
        throw new Error('no scenario in this test');
      },
      readForwardCurve: async () => {
        throw new Error('no curve in this test');
      },
    },
    methodologies: {
      list: async () => [],
      load: async () => {
        throw new Error(`methodology of ${runId}`);
      },
    },
    reported: {
      embedded: async () => ({ figures: [], files: [{ file: runId, sha256: runId, text: '' }] }),
      load: async () => ({ figures: [], files: [] }),
    },
  };
}

function basePorts(sources: Map<RunInputs, RecordedSources>, snapshotId = 'snapshot-1'): AppPorts {
  const snapshot = { snapshotId } as NetworkDataSnapshot;
  return {
    network: { loadNetwork: async () => snapshot, loadSnapshot: async () => undefined },
    replay: { sourcesOf: (run: RunInputs) => sources.get(run) as RecordedSources },
  } as unknown as AppPorts;
}

const a = runOf('a'.repeat(64), { target: 'CIFR', methodology: 'rerate', price: 80_000, reported: 'a.csv' });
const b = runOf('b'.repeat(64), { target: 'CIFR', methodology: 'jpm-2025-11', price: 95_000 });
const rawB = {
  ...cifr,
  sites: (cifr['sites'] as Record<string, unknown>[]).map((site, i) => (i === 0 ? { ...site, grossMw: 301 } : site)),
  balanceSheet: { ...(cifr['balanceSheet'] as Record<string, unknown>), cashUsd: 1 },
};
const sources = new Map([
  [a, sourcesWith(cifr, 'a')],
  [b, sourcesWith(rawB, 'b')],
]);

test('a plan of one run replays its own input and files, with no market views', async () => {
  const { input, ports } = await replayPorts(replayPlanOf(a), basePorts(sources));
  assert.equal(input, a.manifest.input);
  assert.equal(ports.marketViews, undefined);
  assert.equal((await ports.coverage.load('CIFR')).raw, cifr);
  await assert.rejects(ports.methodologies.load('rerate'), /methodology of a/);
});

test('a mix takes each group from its run: operations inputs, the methodology, company-file keys', async () => {
  const plan = { ...replayPlanOf(a), operations: b, methodology: b, 'hpc-and-power': b };
  const { input, ports } = await replayPorts(plan, basePorts(sources));
  // Timing (and the market groups, here all A's) keep A's fields; operations' fields come from B, or go.
  assert.deepEqual(input, { target: 'CIFR', methodology: 'jpm-2025-11', price: 80_000, asOf: '2026-02-04' });
  assert.deepEqual(ports.marketViews, {});
  await assert.rejects(ports.methodologies.load('x'), /methodology of b/);
  assert.equal((await ports.reported.embedded()).files[0]?.file, 'b');
  // Sites come with HPC and power (B's), the balance sheet with its own group (A's).
  const mixed = await ports.coverage.load('CIFR');
  assert.equal(mixed.company.sites[0]?.grossMw, 301);
  assert.deepEqual(mixed.company.balanceSheet.cashUsd, (cifr['balanceSheet'] as { cashUsd: unknown }).cashUsd);
  assert.equal(mixed.file, 'data/coverage/CIFR.yaml (mixed runs)');
});

test('runs of different data snapshots cannot be mixed, and a snapshot no longer kept cannot be replayed', async () => {
  const other = runOf('c'.repeat(64), { target: 'CIFR' }, 'snapshot-2');
  const mixed = new Map([...sources, [other, sourcesWith(cifr, 'c')]]);
  await assert.rejects(replayPorts({ ...replayPlanOf(a), fees: other }, basePorts(mixed)), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.deepEqual(error.issues[0]?.path, ['run']);
    assert.match(error.message, /different data snapshots/);
    return true;
  });
  await assert.rejects(replayPorts(replayPlanOf(other), basePorts(mixed)), /neither the embedded data nor kept/);
});
