// Issue 19, "text hygiene": every input file is read one way (src/data/input-text-file.ts). A NUL, a control character
// or a byte that is not UTF-8 anywhere in a real shipped YAML or CSV file is refused at exactly its file:line:column
// by the adapter that reads it; a byte-order mark is tolerated; a folder, a device, a missing, looping or oversized
// file is a plain message naming it, exit 2 in the CLI and 400 over HTTP.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { calendarFile } from '../src/data/calendar-file.ts';
import { coverageFiles } from '../src/data/coverage-files.ts';
import { embeddedSnapshot, packageDataDir } from '../src/data/embedded-snapshot.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { MAX_INPUT_FILE_BYTES, readInputTextFile } from '../src/data/input-text-file.ts';
import { methodologyFiles } from '../src/data/methodology-files.ts';
import { reportedFigureFiles } from '../src/data/reported-figure-files.ts';
import { scenarioFiles } from '../src/data/scenario-files.ts';
import { InputError } from '../src/schema/input-error.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { API_PREFIX } from '../src/server/command-routes.ts';

const root = mkdtempSync(join(tmpdir(), 'rerate-text-'));
after(() => rmSync(root, { recursive: true, force: true }));
/** A copy of the package's data/ that the tests spoil one file at a time. */
const data = join(root, 'data');
cpSync(packageDataDir(), data, { recursive: true });

/** Each shipped file (as errors name it) and the adapter that reads it from a data folder. */
const SHIPPED: Record<string, (dir: string) => Promise<unknown>> = {
  'data/coverage/RIOT.yaml': (dir) => coverageFiles(join(dir, 'coverage')).load('RIOT', 'ticker'),
  'data/coverage/IREN.yaml': (dir) => coverageFiles(join(dir, 'coverage')).load('IREN', 'ticker'),
  'data/scenarios/base.yaml': (dir) => scenarioFiles(join(dir, 'scenarios')).load('base'),
  'data/methodology/jpm-2025-11.yaml': (dir) => methodologyFiles(join(dir, 'methodology')).load('jpm-2025-11'),
  'data/calendar.yaml': (dir) => calendarFile(join(dir, 'calendar.yaml')).events(),
  'data/reported/miners-monthly-2023-2024.csv': (dir) => reportedFigureFiles(join(dir, 'reported')).embedded(),
  'data/difficulty-epochs.csv': (dir) => embeddedSnapshot(dir).loadNetwork(),
  'data/network-daily.csv': (dir) => embeddedSnapshot(dir).loadNetwork(),
};
const shippedText = (file: string) => readFileSync(join(root, file), 'utf8');

/** Offsets between characters (never inside a surrogate pair) in a text. */
const boundaries = (text: string) =>
  [...Array(text.length + 1).keys()].filter((i) => !/[\uDC00-\uDFFF]/.test(text[i] ?? ''));

/** Line and column (UTF-16 units, from 1) of an offset, counted here independently of the code under test. */
function expectedAt(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines.at(-1) as string).length + 1 };
}

/** The error reading `file` from `dir` gives, or a failure when it reads. */
async function refusal(file: string, dir = data): Promise<InputError> {
  try {
    await (SHIPPED[file] as (dir: string) => Promise<unknown>)(dir);
  } catch (error) {
    assert.ok(error instanceof InputError, `${file}: ${String(error)}`);
    return error;
  }
  assert.fail(`${file} was read`);
}

/** Byte sequences that are not UTF-8 from their first byte on, whatever follows (a character never starts 80..BF). */
const notUtf8 = fc.oneof(
  fc.integer({ min: 0x80, max: 0xc1 }).map((byte) => [byte]), // continuation bytes, overlong 2-byte leads
  fc.integer({ min: 0xf5, max: 0xff }).map((byte) => [byte]), // bytes that never occur in UTF-8
  fc.integer({ min: 0xc2, max: 0xdf }).map((lead) => [lead]), // a 2-byte lead without its continuation
  fc.integer({ min: 0xe1, max: 0xec }).map((lead) => [lead, 0x80]), // a 3-byte sequence cut short
  fc.constantFrom([0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]),
);
/** Characters outside YAML's printable set: NUL, C0 controls other than tab/LF/CR, DEL, C1 controls but NEL. */
const notPrintable = fc.oneof(
  fc.constant('\u0000'),
  fc.constantFrom('\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f'),
);

test('a byte that is not UTF-8, anywhere in a shipped YAML or CSV file, is refused at its line:column', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(SHIPPED)), fc.nat(), notUtf8, async (file, at, bad) => {
      const text = shippedText(file);
      const offsets = boundaries(text);
      const offset = offsets[at % offsets.length] as number;
      const bytes = Buffer.concat([
        Buffer.from(text.slice(0, offset)),
        Buffer.from(bad),
        Buffer.from(text.slice(offset)),
      ]);
      writeFileSync(join(root, file), bytes);
      try {
        const error = await refusal(file);
        assert.deepEqual(error.issues[0]?.location, { file, ...expectedAt(text, offset) });
        assert.match(error.message, /not UTF-8 \(byte 0x[0-9A-F]{2} starts no valid character\)/);
      } finally {
        writeFileSync(join(root, file), text);
      }
    }),
    { numRuns: 150 },
  );
});

test('a NUL or control character, anywhere in a shipped YAML or CSV file, is refused at its line:column', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(SHIPPED)), fc.nat(), notPrintable, async (file, at, bad) => {
      const text = shippedText(file);
      const offsets = boundaries(text);
      const offset = offsets[at % offsets.length] as number;
      writeFileSync(join(root, file), `${text.slice(0, offset)}${bad}${text.slice(offset)}`);
      try {
        const error = await refusal(file);
        assert.deepEqual(error.issues[0]?.location, { file, ...expectedAt(text, offset) });
        assert.match(
          error.message,
          bad === '\u0000' ? /a NUL byte \(U\+0000\)/ : /the control character U\+00[0-9A-F]{2}/,
        );
      } finally {
        writeFileSync(join(root, file), text);
      }
    }),
    { numRuns: 150 },
  );
});

test('a UTF-8 byte-order mark is tolerated in YAML and CSV', async () => {
  for (const file of ['data/coverage/RIOT.yaml', 'data/network-daily.csv']) {
    const text = shippedText(file);
    writeFileSync(join(root, file), `\uFEFF${text}`);
    try {
      await (SHIPPED[file] as (dir: string) => Promise<unknown>)(data);
      if (file.endsWith('.yaml'))
        assert.equal((await coverageFiles(join(data, 'coverage')).load('RIOT', 't')).text, text);
    } finally {
      writeFileSync(join(root, file), text);
    }
  }
});

test('a folder, a device, a missing, looping or oversized file: a plain message naming it and the field', (t) => {
  const naming = { shownAs: 'x', kind: 'scenario file', field: 'scenario' };
  const refused = (path: string, message: RegExp) =>
    assert.throws(
      () => readInputTextFile(path, { ...naming, shownAs: path }),
      (error) =>
        error instanceof InputError && error.issues[0]?.path[0] === 'scenario' && message.test(error.issues[0].message),
      path,
    );
  const folder = join(root, 'folder.yaml');
  mkdirSync(folder);
  refused(folder, /^.*folder\.yaml is a folder, not a scenario file$/);
  refused(join(root, 'missing.yaml'), /^no scenario file at .*missing\.yaml$/);
  refused(join(root, 'missing', 'deeper.yaml'), /^no scenario file at /);
  refused('/dev/null', /^\/dev\/null is not a regular file \(a pipe, socket or device\), not a scenario file$/);
  symlinkSync(join(root, 'loop-b.yaml'), join(root, 'loop-a.yaml'));
  symlinkSync(join(root, 'loop-a.yaml'), join(root, 'loop-b.yaml'));
  refused(join(root, 'loop-a.yaml'), /loop-a\.yaml cannot be read: too many symbolic links$/);
  const huge = join(root, 'huge.yaml');
  writeFileSync(huge, '');
  truncateSync(huge, MAX_INPUT_FILE_BYTES + 1); // sparse: nothing is written
  refused(huge, /huge\.yaml is larger than 16 MiB, the most an input file may hold$/);
  // The key and the file that named it, for a file a file names.
  assert.throws(
    () => readInputTextFile(folder, { ...naming, shownAs: 'c', key: 'price.curve', namedIn: 's.yaml' }),
    /^InputError: scenario: price\.curve: c is a folder, not a scenario file \(named in s\.yaml\)$/,
  );
  if (process.getuid?.() === 0) {
    t.diagnostic('running as root: a file without read permission is readable, so that case is not checked');
    return;
  }
  const locked = join(root, 'locked.yaml');
  writeFileSync(locked, 'name: x\n', { mode: 0o000 });
  refused(locked, /locked\.yaml cannot be read: permission denied$/);
});

test('the CLI: a folder or a missing file where a file is expected is a usage error (exit 2) at its flag', async () => {
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:' } });
  const rerate = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
    return { code: await runCli(args, COMMANDS, ports, io), stdout, stderr };
  };
  const folder = join(root, 'cli-folder');
  mkdirSync(join(folder, 'curve.csv'), { recursive: true });
  writeFileSync(join(folder, 'curve.yaml'), 'name: x\ndescription: d\nprice:\n  curve: curve.csv\n  source: abc\n');
  const cases: [string[], RegExp][] = [
    [['network', 'project', '--to', '2026-12-31', '--scenario', folder], /--scenario: .*cli-folder is a folder/],
    [['methodology', 'show', `${folder}/`], /cli-folder\/ is a folder, not a methodology file/],
    [['backtest', 'production', '--reported', folder], /--reported: .*cli-folder is a folder, not a file/],
    [
      ['network', 'project', '--to', '2026-12-31', '--scenario', join(folder, 'curve.yaml')],
      /--scenario: price\.curve: .*curve\.csv is a folder, not a forward-curve file \(named in .*curve\.yaml\)/,
    ],
  ];
  try {
    for (const [args, message] of cases) {
      const run = await rerate(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /EISDIR|ENOENT|illegal operation/);
      assert.equal(run.stdout, '');
    }
  } finally {
    await ports.runs.close();
  }
});

test('over HTTP: a bad file in a served folder answers 400 with the located message', async () => {
  const coverage = join(root, 'served-coverage');
  mkdirSync(coverage);
  const riot = shippedText('data/coverage/RIOT.yaml');
  const nulAt = riot.indexOf('name:');
  writeFileSync(join(coverage, 'RIOT.yaml'), `${riot.slice(0, nulAt)}\u0000${riot.slice(nulAt)}`);
  writeFileSync(join(coverage, 'CIFR.yaml'), `${shippedText('data/coverage/CIFR.yaml')}---\nticker: CIFR\n`);
  mkdirSync(join(coverage, 'CLSK.yaml'));
  const ports = {
    ...defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo }),
    coverage: coverageFiles(coverage),
  };
  const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
  const { line, column } = expectedAt(riot, nulAt);
  const cifrLines = shippedText('data/coverage/CIFR.yaml').split('\n').length;
  const cases: [string, RegExp][] = [
    ['RIOT', new RegExp(`^data/coverage/RIOT\\.yaml:${line}:${column}: a NUL byte \\(U\\+0000\\)`)],
    ['CIFR', new RegExp(`^data/coverage/CIFR\\.yaml:${cifrLines}:1: YAML: a second YAML document starts here`)],
    ['CLSK', /^data\/coverage\/CLSK\.yaml is a folder, not a company file$/],
  ];
  try {
    for (const [ticker, message] of cases) {
      const response = await app.inject({ method: 'GET', url: `${API_PREFIX}/coverage/show/${ticker}` });
      assert.equal(response.statusCode, 400, `${ticker}: ${response.body}`);
      assert.match((JSON.parse(response.body) as { message: string }).message, message);
    }
  } finally {
    await app.close();
    await ports.runs.close();
  }
});
