// The layer rules of DESIGN.md §1: a layer imports only from layers below it, and the pure core (units …
// scenarios) does no I/O and reads no clock, randomness or environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The server is an HTTP surface over ports it is given; the CLI is the outer composition root (it wires the ports and starts `rerate serve`).
const LAYERS = [
  'units',
  'protocol',
  'math',
  'network',
  'company',
  'valuation',
  'scenarios',
  'schema',
  'app',
  'data',
  'store',
  'report',
  'server',
  'cli',
];
const PURE_LAYERS = new Set(['units', 'protocol', 'math', 'network', 'company', 'valuation', 'scenarios']);
const FORBIDDEN_IN_PURE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/\bnew Date\s*\(\s*\)/, 'reads the clock (new Date())'],
  [/\bperformance\.now\s*\(/, 'reads the clock (performance.now)'],
  [/\bMath\.random\s*\(/, 'uses unseeded randomness (Math.random)'],
  [/\bprocess\./, 'touches the process (process.*)'],
  [/\bfetch\s*\(/, 'does network I/O (fetch)'],
  [/\brequire\s*\(/, 'loads modules dynamically (require)'],
];
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

interface SourceFile {
  /** Path relative to src/, with forward slashes. */
  path: string;
  text: string;
}

export function findViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const layer = file.path.split('/')[0] as string;
    const rank = LAYERS.indexOf(layer);
    if (rank < 0) {
      problems.push(`${file.path}: "${layer}" is not a layer of DESIGN.md §1`);
      continue;
    }
    const isTest = file.path.endsWith('.test.ts');
    for (const match of file.text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3]) as string;
      if (specifier.startsWith('.')) {
        const target = normalize(join(dirname(file.path), specifier))
          .split(sep)
          .join('/');
        if (target.startsWith('..')) {
          if (PURE_LAYERS.has(layer))
            problems.push(`${file.path}: the pure layer ${layer} imports ${specifier} from outside src/`);
          continue;
        }
        const targetLayer = target.split('/')[0] as string;
        if (LAYERS.indexOf(targetLayer) > rank)
          problems.push(`${file.path}: ${layer} imports from the higher layer ${targetLayer} (${specifier})`);
      } else if (PURE_LAYERS.has(layer) && !isTest) {
        problems.push(`${file.path}: the pure layer ${layer} imports the module ${specifier}`);
      }
    }
    if (PURE_LAYERS.has(layer) && !isTest) {
      const code = file.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [pattern, what] of FORBIDDEN_IN_PURE) {
        if (pattern.test(code)) problems.push(`${file.path}: the pure layer ${layer} ${what}`);
      }
    }
  }
  return problems;
}

function sourceFiles(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name))
        files.push({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

test('every file under src/ keeps to its layer, and the pure core stays pure', () => {
  const files = sourceFiles(fileURLToPath(new URL('../src/', import.meta.url)));
  assert.ok(files.length > 20);
  assert.deepEqual(findViolations(files), []);
});

test('the checker catches upward imports, I/O, clock, randomness and environment in the pure core', () => {
  const bad: SourceFile[] = [
    { path: 'network/a.ts', text: "import { x } from '../app/ports.ts';" },
    { path: 'units/b.ts', text: "import { readFileSync } from 'node:fs';\nexport const t = Date.now();" },
    { path: 'protocol/c.ts', text: 'export const r = Math.random(); const e = process.env.X; const d = new Date();' },
    { path: 'schema/d.ts', text: "export { y } from '../cli/main.ts';" },
    { path: 'math/e.ts', text: "const m = await import('../data/x.ts');" },
    { path: 'stuff/f.ts', text: '' },
  ];
  const problems = findViolations(bad);
  assert.deepEqual(problems, [
    'network/a.ts: network imports from the higher layer app (../app/ports.ts)',
    'units/b.ts: the pure layer units imports the module node:fs',
    'units/b.ts: the pure layer units reads the clock (Date.now)',
    'protocol/c.ts: the pure layer protocol reads the clock (new Date())',
    'protocol/c.ts: the pure layer protocol uses unseeded randomness (Math.random)',
    'protocol/c.ts: the pure layer protocol touches the process (process.*)',
    'schema/d.ts: schema imports from the higher layer cli (../cli/main.ts)',
    'math/e.ts: math imports from the higher layer data (../data/x.ts)',
    'stuff/f.ts: "stuff" is not a layer of DESIGN.md §1',
  ]);
  // Comments and higher-layer-free code pass.
  assert.deepEqual(
    findViolations([{ path: 'units/ok.ts', text: "// Date.now() is banned here\nimport { a } from './x.ts';" }]),
    [],
  );
});
