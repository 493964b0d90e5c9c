// Point-in-time company files (issue 18): a run as of a day uses only what was public then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openValuationSession } from '../src/app/sessions/open-valuation-session.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { loadCompany } from '../src/data/coverage-files.ts';
import type { LoadedCompany } from '../src/inputs/loaded-files.ts';
import { companyAsOf } from '../src/inputs/point-in-time.ts';
import { InputError } from '../src/schema/input-error.ts';
import { dayFromIso } from '../src/units/calendar-day.ts';

const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
const AS_OF = dayFromIso('2026-02-04');

// A loose view of a company file for editing in tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

/** The file with a change applied to both its parsed and its written form, as a file with that text would load. */
function withChange(loaded: LoadedCompany, change: (file: Editable) => void): LoadedCompany {
  const company = structuredClone(loaded.company) as Editable;
  const raw = structuredClone(loaded.raw) as Editable;
  change(company);
  change(raw);
  return { ...loaded, company: company as LoadedCompany['company'], raw };
}

const laterProject = {
  name: 'A later project',
  site: 'Georgia sites',
  criticalItMw: { value: 500, source: 'a release of the next day' },
  probability: { value: 0.5, assumption: 'test' },
  expectedStart: '2027-06-30',
  kind: 'colocation',
  knownFrom: '2026-02-05',
};

test('a run as of a day is unchanged when a pipeline project public the next day is added', async () => {
  const clsk = loadCompany('CLSK');
  const later = withChange(clsk, (file) => file['hpc'].pipeline.push(structuredClone(laterProject)));
  const opened = await openValuationSession({ scenario: 'base', methodology: 'rerate' }, ports);
  const before = await opened.session.value(clsk);
  const after = await opened.session.value(later);
  assert.equal(after.valuation.targetUsd, before.valuation.targetUsd);
  assert.equal(after.valuation.pipeline.length, before.valuation.pipeline.length);
  assert.ok(after.warnings.some((w) => w.code === 'not-yet-public' && w.message.includes('hpc.pipeline[')));
  // The same project public on the as-of day is used.
  const known = withChange(clsk, (file) =>
    file['hpc'].pipeline.push({ ...structuredClone(laterProject), knownFrom: '2026-02-04' }),
  );
  assert.ok((await opened.session.value(known)).valuation.targetUsd > before.valuation.targetUsd);
});

test('a figure public later falls back to its previous value; without one it is refused or stands, named', () => {
  const iren = loadCompany('IREN');
  const revised = withChange(iren, (file) => {
    file['shares'].basic = {
      value: 371_000_000,
      source: 'a later count',
      knownFrom: '2026-02-05',
      previously: { value: 330_000_000, assumption: 'the count public before' },
    };
  });
  const resolved = companyAsOf(revised, AS_OF);
  assert.deepEqual(resolved.loaded.company.shares.basic, { value: 330_000_000, assumption: 'the count public before' });
  assert.deepEqual(resolved.withheld, [{ path: 'shares.basic', knownFrom: '2026-02-05', instead: 'previous value' }]);
  assert.equal(companyAsOf(revised, dayFromIso('2026-02-05')).loaded, revised);

  // Public after the file's own date (2026-02-04) with no earlier value: refused, naming the field.
  const noPrevious = withChange(iren, (file) => {
    file['shares'].basic = { value: 371_000_000, source: 'a later count', knownFrom: '2026-02-05' };
  });
  assert.throws(
    () => companyAsOf(noPrevious, AS_OF),
    (error: unknown) =>
      error instanceof InputError &&
      error.issues[0]?.path.join('.') === `${iren.file}.shares.basic` &&
      /after the file's date 2026-02-04/.test(error.message),
  );
  // Public before the file's date but after the run's: nothing earlier to use, so it stands and the warning names it.
  const earlier = withChange(iren, (file) => {
    file['shares'].basic = { value: 371_000_000, source: 'a count of January', knownFrom: '2026-01-15' };
  });
  const standing = companyAsOf(earlier, dayFromIso('2025-12-31'));
  assert.deepEqual(standing.loaded.company.shares.basic, earlier.company.shares.basic);
  assert.deepEqual(
    standing.withheld.filter((w) => w.path === 'shares.basic'),
    [{ path: 'shares.basic', knownFrom: '2026-01-15', instead: 'used: no earlier value in the file' }],
  );
});

test('list items keep their written form in step, so provenance paths point at the same items', () => {
  const clsk = loadCompany('CLSK');
  const later = withChange(clsk, (file) => file['hpc'].pipeline.unshift(structuredClone(laterProject)));
  const { loaded } = companyAsOf(later, AS_OF);
  const { loaded: file } = companyAsOf(clsk, AS_OF);
  assert.deepEqual(loaded.company.hpc.pipeline, file.company.hpc.pipeline);
  assert.deepEqual((loaded.raw as Editable)['hpc'].pipeline, (file.raw as Editable)['hpc'].pipeline);
  // CLSK's own Houston project (public 2026-02-05) is left out of both, and its written form with it.
  assert.equal(file.company.hpc.pipeline.length, clsk.company.hpc.pipeline.length - 1);
  assert.equal((file.raw as Editable)['hpc'].pipeline.length, file.company.hpc.pipeline.length);
});

test('a path of the resolved file names the same item in the file as written', () => {
  const clsk = loadCompany('CLSK');
  const later = withChange(clsk, (file) => file['hpc'].pipeline.unshift(structuredClone(laterProject)));
  const { originalPath } = companyAsOf(later, AS_OF);
  // Written: [0] the later project, [1] Austin County, [2] Houston (public 2026-02-05). Resolved: [0] Austin County.
  assert.equal(originalPath('hpc.pipeline[0].criticalItMw'), 'hpc.pipeline[1].criticalItMw');
  assert.equal(originalPath('sites[4].grossMw'), 'sites[4].grossMw');
  assert.equal(originalPath('fleet.realization'), 'fleet.realization');
});
