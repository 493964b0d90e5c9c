// The house rules of DESIGN.md §1 and §12: a layer imports only from layers below it, and inside src/app a wing only
// from wings below it; no import circle anywhere; the pure layers do no I/O and read no clock, randomness or
// environment; web/ imports src/present at run time and src/schema for types only; files stay small.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The server is an HTTP surface over ports it is given; the CLI is the outer composition root (it wires the ports
// and starts `rerate serve`).
const LAYERS = [
  'units',
  'protocol',
  'math',
  'network',
  'company',
  'valuation',
  'scenarios',
  'schema',
  'inputs',
  'present',
  'app',
  'data',
  'store',
  'report',
  'server',
  'cli',
];
const PURE_LAYERS = new Set([
  'units',
  'protocol',
  'math',
  'network',
  'company',
  'valuation',
  'scenarios',
  'inputs',
  'present',
]);
/** src/app's wings in dependence order; '.' is the kernel's root files. */
const APP_WINGS = ['ports', '.', 'runs', 'sessions', 'live-data', 'commands', 'revisions', 'publish'];
/**
 * The kernel's two entry points stand just above the wing named: executing a command records its run and checks its
 * data's freshness; the registry lists every command, including those that compose others.
 */
const KERNEL_ENTRY_POINTS: Record<string, string> = { 'execute-command.ts': 'live-data', 'registry.ts': 'publish' };
export const MAX_APP_ROOT_FILES = 8;
export const MAX_LINES_PER_FILE = 400;
export const MAX_LINE_WIDTH = 120;

const FORBIDDEN_IN_PURE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'reads the clock (Date.now)'],
  [/\bnew Date\s*\(\s*\)/, 'reads the clock (new Date())'],
  [/\bperformance\.now\s*\(/, 'reads the clock (performance.now)'],
  [/\bMath\.random\s*\(/, 'uses unseeded randomness (Math.random)'],
  [/\bprocess\./, 'touches the process (process.*)'],
  [/\bfetch\s*\(/, 'does network I/O (fetch)'],
  [/\brequire\s*\(/, 'loads modules dynamically (require)'],
];
/** `import|export [type] … from 'x'` (groups 1–4), `import('x')` (5), `import 'x'` (6). */
const IMPORT = new RegExp(
  String.raw`(?:^|\n)\s*(import|export)\b(\s+type\b)?([^'"]*?)\bfrom\s*['"]([^'"]+)['"]` +
    String.raw`|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]`,
  'g',
);

interface SourceFile {
  /** Path relative to src/ (or web/src/ for the dashboard), with forward slashes. */
  path: string;
  text: string;
}

interface ImportOf {
  specifier: string;
  /** `import type …` or `export type …`: erased at run time. */
  typeOnly: boolean;
}

function importsOf(text: string): ImportOf[] {
  return [...text.matchAll(IMPORT)].map((match) => {
    const names = match[3] ?? '';
    // `import { type A, type B } from` is type-only too.
    const allTypes =
      /^\s*\{[^}]*\}\s*$/.test(names) &&
      names
        .replace(/[{}\s]/g, '')
        .split(',')
        .every((n) => /^type/.test(n));
    return { specifier: (match[4] ?? match[5] ?? match[6]) as string, typeOnly: match[2] !== undefined || allTypes };
  });
}

/** A file's place in src/app: the rank of its wing (entry points just above theirs). */
function appRank(path: string): number {
  const [, wing, rest] = path.split('/') as [string, string, string | undefined];
  if (rest !== undefined) return APP_WINGS.indexOf(wing);
  const above = KERNEL_ENTRY_POINTS[wing];
  return above === undefined ? APP_WINGS.indexOf('.') : APP_WINGS.indexOf(above) + 0.5;
}

export function findViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  const known = new Set(files.map((file) => file.path));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const layer = file.path.split('/')[0] as string;
    const rank = LAYERS.indexOf(layer);
    if (rank < 0) {
      problems.push(`${file.path}: "${layer}" is not a layer of DESIGN.md §1`);
      continue;
    }
    if (
      layer === 'app' &&
      file.path.split('/').length > 2 &&
      APP_WINGS.indexOf(file.path.split('/')[1] as string) < 0
    ) {
      problems.push(`${file.path}: "${file.path.split('/')[1]}" is not a wing of src/app (DESIGN.md §1)`);
    }
    const isTest = file.path.endsWith('.test.ts');
    const targets: string[] = [];
    for (const { specifier, typeOnly } of importsOf(file.text)) {
      if (specifier.startsWith('.')) {
        const target = normalize(join(dirname(file.path), specifier))
          .split(sep)
          .join('/');
        if (target.startsWith('..')) {
          if (PURE_LAYERS.has(layer)) {
            problems.push(`${file.path}: the pure layer ${layer} imports ${specifier} from outside src/`);
          }
          continue;
        }
        if (known.has(target) && !isTest) targets.push(target);
        const targetLayer = target.split('/')[0] as string;
        if (LAYERS.indexOf(targetLayer) > rank) {
          problems.push(`${file.path}: ${layer} imports from the higher layer ${targetLayer} (${specifier})`);
        } else if (layer === 'app' && targetLayer === 'app' && appRank(target) > appRank(file.path)) {
          problems.push(`${file.path}: imports from a higher wing of src/app (${specifier})`);
        }
      } else if (PURE_LAYERS.has(layer) && !isTest && !typeOnly) {
        // Types of a module (zod's, say) are erased: only run-time imports bring I/O in.
        problems.push(`${file.path}: the pure layer ${layer} imports the module ${specifier}`);
      }
    }
    edges.set(file.path, targets);
    if (PURE_LAYERS.has(layer) && !isTest) {
      const code = file.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [pattern, what] of FORBIDDEN_IN_PURE) {
        if (pattern.test(code)) problems.push(`${file.path}: the pure layer ${layer} ${what}`);
      }
    }
  }
  for (const circle of importCircles(edges)) problems.push(`import circle: ${circle.join(' → ')}`);
  return problems;
}

/** The strongly connected components of more than one file (Tarjan), each as a sorted list. */
export function importCircles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) circles.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return circles;
}

/** web/ talks to the API only: at run time it imports src/present alone, and src/schema for types. */
export function findWebViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const { specifier, typeOnly } of importsOf(file.text)) {
      const target = normalize(join('web/src', dirname(file.path), specifier))
        .split(sep)
        .join('/');
      if (!specifier.startsWith('.') || !target.startsWith('src/')) continue;
      const layer = target.split('/')[1] as string;
      if (layer === 'present') continue;
      if (layer === 'schema' && typeOnly) continue;
      const why = layer === 'schema' ? 'at run time (use import type)' : `from src/${layer}`;
      problems.push(`web/src/${file.path}: imports ${specifier} ${why}`);
    }
  }
  return problems;
}

/** Files over the size of one concept, lines over the formatter's width, and a crowded src/app root. */
export function findSizeViolations(files: readonly SourceFile[], root: string): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    if (!file.path.endsWith('.test.ts') && lines.length > MAX_LINES_PER_FILE) {
      problems.push(`${root}${file.path}: ${lines.length} lines (at most ${MAX_LINES_PER_FILE}: two concepts?)`);
    }
    lines.forEach((line, i) => {
      if (line.length > MAX_LINE_WIDTH)
        problems.push(`${root}${file.path}:${i + 1}: ${line.length} characters (at most ${MAX_LINE_WIDTH})`);
    });
  }
  const appRoot = files.filter((file) => /^app\/[^/]+\.ts$/.test(file.path) && !file.path.endsWith('.test.ts'));
  if (root === 'src/' && appRoot.length > MAX_APP_ROOT_FILES) {
    problems.push(
      `src/app holds ${appRoot.length} files at its root (at most ${MAX_APP_ROOT_FILES}: the kernel alone)`,
    );
  }
  return problems;
}

function sourceFiles(root: string, names = /\.tsx?$/): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      // Recorded provider answers are data, kept as the services sent them.
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(path);
      } else if (names.test(entry.name)) {
        files.push({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return files;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

test('every file under src/ keeps to its layer and wing, without circles, and the pure layers stay pure', () => {
  const files = sourceFiles(here('../src/'));
  assert.ok(files.length > 20);
  assert.deepEqual(findViolations(files), []);
});

test('web/ imports src/present at run time and src/schema for types only', () => {
  const files = sourceFiles(here('../web/src/'));
  assert.ok(files.length > 10);
  assert.deepEqual(findWebViolations(files), []);
});

test('no file in src/ over 400 lines, no line over 120 characters, at most 8 files at the root of src/app', () => {
  const problems = [
    ...findSizeViolations(sourceFiles(here('../src/')), 'src/'),
    ...findSizeViolations(sourceFiles(here('../web/src/')), 'web/src/'),
  ];
  assert.deepEqual(problems, []);
});

test('no line over 120 characters in the tests, benchmarks and scripts either', () => {
  const wide = (folder: string) =>
    sourceFiles(here(`../${folder}/`), /\.(tsx?|mjs)$/).flatMap((file) =>
      file.text
        .split('\n')
        .flatMap((line, i) => (line.length > MAX_LINE_WIDTH ? [`${folder}/${file.path}:${i + 1}`] : [])),
    );
  assert.deepEqual([...wide('test'), ...wide('bench'), ...wide('scripts')], []);
});

test('the checker catches upward imports, circles, I/O, clock, randomness and environment in the pure core', () => {
  const bad: SourceFile[] = [
    { path: 'network/a.ts', text: "import { x } from '../app/ports/app-ports.ts';" },
    { path: 'units/b.ts', text: "import { readFileSync } from 'node:fs';\nexport const t = Date.now();" },
    { path: 'protocol/c.ts', text: 'export const r = Math.random(); const e = process.env.X; const d = new Date();' },
    { path: 'schema/d.ts', text: "export { y } from '../cli/main.ts';" },
    { path: 'math/e.ts', text: "const m = await import('../data/x.ts');" },
    { path: 'stuff/f.ts', text: '' },
    { path: 'app/runs/g.ts', text: "import { s } from '../sessions/h.ts';" },
    { path: 'app/sessions/h.ts', text: "import { g } from '../runs/g.ts';" },
    { path: 'app/command.ts', text: "import type { R } from './registry.ts';" },
    { path: 'app/registry.ts', text: "import { c } from './command.ts';\nimport { n } from './publish/note.ts';" },
    { path: 'app/publish/note.ts', text: "import { r } from '../registry.ts';" },
    { path: 'app/attic/old.ts', text: '' },
    { path: 'present/p.ts', text: "import { z } from 'zod';\nimport type { Z } from 'zod';" },
  ];
  assert.deepEqual(findViolations(bad), [
    'network/a.ts: network imports from the higher layer app (../app/ports/app-ports.ts)',
    'units/b.ts: the pure layer units imports the module node:fs',
    'units/b.ts: the pure layer units reads the clock (Date.now)',
    'protocol/c.ts: the pure layer protocol reads the clock (new Date())',
    'protocol/c.ts: the pure layer protocol uses unseeded randomness (Math.random)',
    'protocol/c.ts: the pure layer protocol touches the process (process.*)',
    'schema/d.ts: schema imports from the higher layer cli (../cli/main.ts)',
    'math/e.ts: math imports from the higher layer data (../data/x.ts)',
    'stuff/f.ts: "stuff" is not a layer of DESIGN.md §1',
    'app/runs/g.ts: imports from a higher wing of src/app (../sessions/h.ts)',
    'app/command.ts: imports from a higher wing of src/app (./registry.ts)',
    'app/publish/note.ts: imports from a higher wing of src/app (../registry.ts)',
    'app/attic/old.ts: "attic" is not a wing of src/app (DESIGN.md §1)',
    'present/p.ts: the pure layer present imports the module zod',
    'import circle: app/runs/g.ts → app/sessions/h.ts',
    'import circle: app/command.ts → app/publish/note.ts → app/registry.ts',
  ]);
  // Comments and higher-layer-free code pass.
  assert.deepEqual(
    findViolations([{ path: 'units/ok.ts', text: "// Date.now() is banned here\nimport { a } from './x.ts';" }]),
    [],
  );
});

test('the web checker allows src/present, and src/schema for types only', () => {
  const files: SourceFile[] = [
    { path: 'pages/a.tsx', text: "import { f } from '../../../src/present/format.ts';" },
    { path: 'pages/b.tsx', text: "import type { S } from '../../../src/schema/runs.ts';" },
    { path: 'pages/c.tsx', text: "import { type S, type T } from '../../../src/schema/runs.ts';" },
    { path: 'pages/d.tsx', text: "import { s } from '../../../src/schema/runs.ts';" },
    { path: 'pages/e.tsx', text: "import { d } from '../../../src/units/calendar-day.ts';" },
    { path: 'f.ts', text: "import { h } from './pages/a.tsx';" },
  ];
  assert.deepEqual(findWebViolations(files), [
    'web/src/pages/d.tsx: imports ../../../src/schema/runs.ts at run time (use import type)',
    'web/src/pages/e.tsx: imports ../../../src/units/calendar-day.ts from src/units',
  ]);
});

test('the size checker counts lines, widths and the src/app root', () => {
  const long = 'x'.repeat(MAX_LINE_WIDTH + 1);
  const files: SourceFile[] = [
    { path: 'app/a.ts', text: `ok\n${long}` },
    { path: 'app/b.ts', text: 'y\n'.repeat(MAX_LINES_PER_FILE + 1) },
    ...Array.from({ length: MAX_APP_ROOT_FILES - 1 }, (_, i) => ({ path: `app/k${i}.ts`, text: '' })),
    { path: 'app/wing/w.ts', text: '' },
  ];
  assert.deepEqual(findSizeViolations(files, 'src/'), [
    `src/app/a.ts:2: ${MAX_LINE_WIDTH + 1} characters (at most ${MAX_LINE_WIDTH})`,
    `src/app/b.ts: ${MAX_LINES_PER_FILE + 2} lines (at most ${MAX_LINES_PER_FILE}: two concepts?)`,
    `src/app holds ${MAX_APP_ROOT_FILES + 1} files at its root (at most ${MAX_APP_ROOT_FILES}: the kernel alone)`,
  ]);
});
