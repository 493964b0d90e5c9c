// Issue 19, "files outside the data reach answers": a name from outside never becomes a path outside its folder, in
// the CLI's adapters and over HTTP, and no refusal quotes a file it refused. A secret file is planted outside the
// data, and every way of naming it — `..`, absolute paths, symbolic links, odd bytes — must be refused unread.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { coverageDir, loadCompany } from '../src/data/coverage-files.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { scenarioFiles } from '../src/data/scenario-files.ts';
import { InputError } from '../src/schema/input-error.ts';
import { createApiServer } from '../src/server/api-server.ts';
import { API_PREFIX } from '../src/server/command-routes.ts';

const SECRET = 'TOKEN=s3cr3t-never-shown';
const root = mkdtempSync(join(tmpdir(), 'rerate-confined-'));
after(() => rmSync(root, { recursive: true, force: true }));
// A secret beside the data, as .yaml and .csv (the extensions the adapters append or read).
writeFileSync(join(root, 'secret.yaml'), `${SECRET}\n`);
writeFileSync(join(root, 'secret.csv'), `${SECRET}\n`);
const scenarioDir = join(root, 'scenarios');
mkdirSync(scenarioDir);
symlinkSync(join(root, 'secret.csv'), join(scenarioDir, 'link.csv'));
writeFileSync(join(scenarioDir, 'curve.csv'), 'date,usd\n2026-03-31,80000\n2026-12-31,90000\n');

const refusedUnread = (error: unknown, field: string) =>
  error instanceof InputError &&
  error.issues[0]?.path[0] === field &&
  !error.message.includes(SECRET) &&
  !/s3cr3t/.test(error.message);

/** Names that try to leave a folder: `..` segments, absolute paths, separators and odd bytes, around a real file. */
const escapingName = fc
  .tuple(
    fc.constantFrom('..', '../..', '../../..', '/tmp', root, '.', 'C:', '\\..'),
    fc.constantFrom('/', '\\', '/./', '//'),
    fc.constantFrom('secret', 'etc/passwd', 'proc/self/environ', relative('/', join(root, 'secret'))),
    fc.constantFrom('', '\u0000', '%00', '\n', '\u001b[2J'),
  )
  .map(([up, separator, target, tail]) => `${up}${separator}${target}${tail}`);

test('a ticker that names a path is refused at its field, never read', () => {
  // The planted secret, named relative to the coverage folder, and absolutely (the adapter appends .yaml).
  for (const name of [relative(coverageDir(), join(root, 'secret')), join(root, 'secret')])
    assert.throws(
      () => loadCompany(name, coverageDir(), 'data/coverage', 'ticker'),
      (e) => refusedUnread(e, 'ticker'),
    );
  fc.assert(
    fc.property(escapingName, (name) => {
      assert.throws(
        () => loadCompany(name, coverageDir(), 'data/coverage', 'ticker'),
        (e) => refusedUnread(e, 'ticker'),
      );
    }),
    { numRuns: 200 },
  );
});

test("a scenario's forward curve lies in its folder: .., absolute paths and links out are refused", async () => {
  const source = scenarioFiles(join(process.cwd(), 'data', 'scenarios'), root);
  const named = join('scenarios', 'mine.yaml');
  for (const curve of ['../secret.csv', join(root, 'secret.csv'), 'link.csv', 'sub/../../secret.csv', 'a\u0000.csv'])
    await assert.rejects(source.readForwardCurve(curve, named), (e) => refusedUnread(e, 'scenario'), curve);
  // A curve beside the scenario is read.
  const { points } = await source.readForwardCurve('curve.csv', named);
  assert.equal(points.length, 2);
});

test('over HTTP: names that try to leave their folders answer 400, and nothing is read', async () => {
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
  const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
  try {
    const planted = encodeURIComponent(relative(coverageDir(), join(root, 'secret')));
    const urls = [
      `/coverage/show/${planted}`,
      `/coverage/show/..%2F..%2F..%2F..%2Fetc%2Fpasswd`,
      `/coverage/show/%2Fproc%2Fself%2Fenviron`,
      `/value/${planted}`,
      `/update?scenario=${encodeURIComponent(join(root, 'secret.yaml'))}`,
      `/update?methodology=${encodeURIComponent('../../secret')}`,
    ];
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url: `${API_PREFIX}${url}` });
      assert.ok(response.statusCode === 400 || response.statusCode === 404, `${url}: ${response.statusCode}`);
      assert.doesNotMatch(response.body, /s3cr3t|root:x:0/, url);
    }
  } finally {
    await app.close();
    await ports.runs.close();
  }
});

test('over HTTP: two Host headers, or a line break in the URL even %-encoded, are refused with 400', async () => {
  const ports = defaultPorts({ env: { RERATE_DB: ':memory:' }, monteCarlo: inProcessMonteCarlo });
  const app = await createApiServer({ commands: COMMANDS, host: '127.0.0.1', rateLimit: 'off', ports });
  try {
    // Two Host lines on the wire (inject would merge them): a real socket on a free loopback port.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const answer = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /, answer);
    for (const url of ['/healthz%0d%0aSet-Cookie:%20x=1', `${API_PREFIX}/coverage/show/CIFR%0aX`]) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  } finally {
    await app.close();
    await ports.runs.close();
  }
});

/** Sends raw bytes to a loopback port and returns what comes back before the server closes (or 2 s). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
