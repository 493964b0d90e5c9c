// Runs the README's commands (and one of every other command) against a built CLI on the embedded data and keeps
// what they print, so that a change meant to keep behaviour (a refactor) can be checked byte for byte:
//
//   node scripts/readme-outputs.mjs capture OUT_DIR [--cli dist/rerate.js]   run them, keep stdout/stderr/exit codes
//   node scripts/readme-outputs.mjs compare DIR_A DIR_B                      list every file that differs
//
// The CLI runs from a copy of its package without .git (dist copied; data and node_modules linked) in a fixed folder,
// so the run manifests record no code commit and the same paths, and run ids compare too. HOME is a fresh folder (no
// local data store, a new run store) and RERATE_TODAY is pinned, so staleness warnings do not move with the calendar.
// Files are written relative to the output folder. Only the store's save times differ between captures; compare
// reads every timestamp as <time>.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TODAY = '2026-02-06';

/** [file name, arguments]: every README command, and one of each remaining command. */
const COMMANDS = [
  ['update', ['update']],
  ['network-status', ['network', 'status', '--as-of', '2025-10-29']],
  ['network-history', ['network', 'history', '--from', '2025-10-01', '--to', '2025-12-31', '--interval', 'quarter']],
  ['network-project', ['network', 'project', '--to', '2028-12-31']],
  [
    'network-project-mc',
    [
      'network',
      'project',
      '--to',
      '2028-12-31',
      '--scenario',
      'slower-network-growth',
      '--paths',
      '10000',
      '--seed',
      '7',
    ],
  ],
  ['network-backtest', ['network', 'backtest']],
  ['scenario-list', ['scenario', 'list']],
  ['scenario-show', ['scenario', 'show', 'bear']],
  ['coverage-list', ['coverage', 'list']],
  ['coverage-show', ['coverage', 'show', 'CIFR']],
  ['schema-company', ['schema', 'company']],
  ['estimates-all', ['estimates', 'all', '--as-of', '2026-02-04', '--quarters', '2025Q4']],
  ['estimates-clsk-fiscal', ['estimates', 'CLSK', '--fiscal', '--quarters', 'FY26Q1:FY26Q4']],
  ['backtest-production', ['backtest', 'production', '--use-reported-hashrate']],
  ['methodology-list', ['methodology', 'list']],
  ['methodology-show', ['methodology', 'show', 'jpm-2025-11']],
  ['update-jpm', ['update', '--methodology', 'jpm-2025-11']],
  ['value-iren', ['value', 'IREN']],
  ['value-cifr-set', ['value', 'CIFR', '--set', 'btc-price=90000,deal-probability=0.6,hodl-premium=0.1']],
  ['implied-iren', ['implied', 'IREN', '--solve', 'signed-mw']],
  [
    'sensitivity-riot',
    ['sensitivity', 'RIOT', '--x', 'btc-price=60000:120000:3000', '--y', 'network-growth=0:0.6:0.03'],
  ],
  ['tornado-cifr', ['tornado', 'CIFR']],
  ['policy-ercot', ['policy', 'ercot', '--window', '1y', '--probability', '0.5']],
  ['update-bear-ercot', ['update', '--scenario', 'bear,ercot-use-it-or-lose-it']],
  ['update-earlier', ['update', '--as-of', '2025-12-31', '--price', '90000']],
  ['note-md', ['note', '--out', 'note/note.md']],
  // Another methodology: a second note under the same framing would compare with the first one's own runs.
  ['note-html', ['note', '--format', 'html', '--methodology', 'jpm-2025-11', '--out', 'note-html/note.html']],
  ['export-csv', ['export', '--format', 'csv', '--out', 'export-csv']],
  ['export-xlsx', ['export', '--format', 'xlsx', '--out', 'export.xlsx']],
  ['data-status', ['data', 'status']],
  ['runs-list', ['runs', 'list']],
  ['diff', ['diff']],
  ['runs-show', ['runs', 'show', '{first-run}']],
  ['runs-replay', ['runs', 'replay', '{first-run}']],
];

function capture(outDir, cliPath) {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const work = join(tmpdir(), 'rerate-readme-outputs');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  mkdirSync(join(out, 'note'));
  mkdirSync(join(out, 'note-html'));
  try {
    // The package without .git: its run manifests record no code commit.
    const pkg = join(work, 'pkg');
    mkdirSync(pkg);
    cpSync(dirname(resolve(cliPath)), join(pkg, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(ROOT, 'data'), join(pkg, 'data'));
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    const home = join(work, 'home');
    mkdirSync(home);
    const env = { PATH: process.env.PATH, HOME: home, RERATE_TODAY: TODAY, LANG: 'C.UTF-8', TZ: 'UTC' };
    let firstRun = '';
    for (const [name, template] of COMMANDS) {
      const args = template.map((arg) => arg.replace('{first-run}', firstRun));
      // Text views are printed without saving runs, so the store holds the JSON runs only; notes and exports write
      // files once.
      const saves = ['update', 'value', 'estimates'].includes(args[0]);
      const variants = [
        ['json', ['--json']],
        ...(['note', 'export'].includes(args[0]) ? [] : [['txt', saves ? ['--no-save'] : []]]),
      ];
      for (const [suffix, extra] of variants) {
        const result = spawnSync(process.execPath, [join(pkg, 'dist', 'rerate.js'), ...args, ...extra], {
          cwd: out,
          env,
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
        writeFileSync(
          join(out, `${name}.${suffix}`),
          `exit ${result.status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`,
        );
        if (!firstRun && suffix === 'json' && result.status === 0)
          firstRun = JSON.parse(result.stdout).inputsHash.slice(0, 12);
      }
    }
    // a zip with the time it was written: its JSON summary is compared instead
    rmSync(join(out, 'export.xlsx'), { force: true });
    console.log(`captured ${COMMANDS.length} commands in ${relative(process.cwd(), out) || '.'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** The run store's save times (ISO, or as `runs list` prints them) read as <time>. */
function withoutTimes(text) {
  return text.replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{3}Z)?/g, (time) => '<time>'.padEnd(time.length));
}

function compare(a, b) {
  const left = filesUnder(a);
  const right = filesUnder(b);
  const all = [...new Set([...left, ...right])].sort();
  let differing = 0;
  for (const file of all) {
    const pa = join(a, file);
    const pb = join(b, file);
    if (!existsSync(pa) || !existsSync(pb)) {
      console.log(`only in ${existsSync(pa) ? a : b}: ${file}`);
      differing++;
      continue;
    }
    const ta = withoutTimes(readFileSync(pa, 'utf8'));
    const tb = withoutTimes(readFileSync(pb, 'utf8'));
    if (ta === tb) continue;
    differing++;
    const la = ta.split('\n');
    const lb = tb.split('\n');
    const line = la.findIndex((text, i) => text !== lb[i]);
    console.log(
      `differs: ${file} (first at line ${line + 1})\n` +
        `  - ${(la[line] ?? '').slice(0, 200)}\n  + ${(lb[line] ?? '').slice(0, 200)}`,
    );
  }
  console.log(`${all.length} files compared, ${differing} differ`);
  return differing === 0 ? 0 : 1;
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'capture' && rest[0]) {
  const cliFlag = rest.indexOf('--cli');
  capture(rest[0], cliFlag >= 0 ? rest[cliFlag + 1] : join(ROOT, 'dist', 'rerate.js'));
} else if (mode === 'compare' && rest[0] && rest[1]) {
  process.exit(compare(rest[0], rest[1]));
} else {
  console.error('usage: node scripts/readme-outputs.mjs capture OUT_DIR [--cli dist/rerate.js] | compare DIR_A DIR_B');
  process.exit(2);
}
