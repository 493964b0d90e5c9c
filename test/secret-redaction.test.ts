// Issue 19, "secrets reach logs": a configured secret never reaches what rerate prints, logs, stores or serves,
// wherever the text came from. A fake node answers errors that echo the request's credentials (raw, base64 and
// decoded); for any password, `rerate data refresh` must keep it out of stdout, stderr and the refresh log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { COMMANDS } from '../src/app/registry.ts';
import { defaultPorts } from '../src/cli/default-ports.ts';
import { runCli } from '../src/cli/run-cli.ts';
import { inProcessMonteCarlo } from '../src/data/in-process-monte-carlo.ts';
import { redactorOf, secretForms } from '../src/present/redact-secrets.ts';
import { printable } from '../src/present/printable-text.ts';
import { parseCompanyText } from '../src/data/coverage-files.ts';
import { InputError } from '../src/schema/input-error.ts';
import { startFakeBitcoind } from './support/fake-bitcoind.ts';

test('redactorOf: a secret, its URL-encoded and base64 forms are replaced; short values are left alone', () => {
  const redact = redactorOf(['analyst:p@ss word!', 'tiny']);
  const basic = Buffer.from('analyst:p@ss word!').toString('base64');
  assert.equal(
    redact(`a analyst:p@ss word! b ${basic} c analyst%3Ap%40ss%20word! d tiny`),
    'a [redacted] b [redacted] c [redacted] d tiny',
  );
  assert.deepEqual(secretForms([]), []);
});

test('data refresh: a node echoing credentials never puts a password in the output or the log', async () => {
  const password = fc.string({ minLength: 8, maxLength: 24, unit: fc.constantFrom(...'abcXYZ0189-_.~!@#$%^&*()+=') });
  await fc.assert(
    fc.asyncProperty(password, async (secret) => {
      const dir = mkdtempSync(join(tmpdir(), 'rerate-redact-'));
      const node = await startFakeBitcoind({ user: 'analyst', password: secret });
      try {
        node.fail({ kind: 'echo-credentials' });
        const env = {
          RERATE_DB: ':memory:',
          RERATE_DATA_DIR: join(dir, 'data'),
          RERATE_TODAY: '2026-02-09',
          RERATE_BITCOIND_URL: node.url,
          RERATE_BITCOIND_USER: 'analyst',
          RERATE_BITCOIND_PASSWORD: secret,
          RERATE_MEMPOOL_URL: 'off',
          RERATE_LIVE_TIMEOUT_MS: '2000',
        };
        const ports = defaultPorts({ env, monteCarlo: inProcessMonteCarlo });
        let out = '';
        const code = await runCli(['data', 'refresh', '--source', 'bitcoind'], COMMANDS, ports, {
          stdout: (text) => (out += text),
          stderr: (text) => (out += text),
        });
        await ports.runs.close();
        assert.notEqual(code, 0);
        const basic = Buffer.from(`analyst:${secret}`).toString('base64');
        const log = readFileSync(join(dir, 'data', 'refresh-log.jsonl'), 'utf8');
        for (const text of [out, log]) {
          assert.ok(!text.includes(secret), `the password in ${text.slice(0, 200)}`);
          assert.ok(!text.includes(basic.replace(/=+$/, '')), 'the Basic header');
        }
        assert.match(out, /\[redacted\]/);
        // The body's terminal escapes are not passed on either.
        assert.ok(!out.includes('\u001b'), 'an escape sequence reached the terminal');
      } finally {
        await node.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 8 },
  );
});

test('printable: control characters and escapes removed, whitespace collapsed, length bounded', () => {
  assert.equal(printable('\u001b[2Jok\u0007 \n\t done\u009b', 80), 'ok done');
  assert.equal(printable('x'.repeat(5000), 10), `${'x'.repeat(9)}…`);
});

test('a company name with a terminal escape is refused at its line', () => {
  const text = readFileSync(join('data', 'coverage', 'RIOT.yaml'), 'utf8').replace(
    'name: Riot Platforms, Inc.',
    'name: "Riot\\e[2J Platforms"',
  );
  assert.throws(
    () => parseCompanyText(text, 'RIOT.yaml', 'RIOT'),
    (error: unknown) =>
      error instanceof InputError && /RIOT\.yaml:4:\d+: name: no control characters/.test(error.message),
  );
});
