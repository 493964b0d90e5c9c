// PDF inspection for tests, through poppler-utils: pages rendered to PNG (pdftoppm) and the text (pdftotext).
// Debian/Ubuntu: apt-get install -y poppler-utils. .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, delimiter, extname, join } from 'node:path';

/** The absolute path of the executable `name` on PATH, or undefined. */
export function systemTool(name: string, path: string | undefined = process.env['PATH']): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(tool: string, args: readonly string[]): string {
  const executable = systemTool(tool);
  if (executable === undefined)
    throw new Error(`${tool} not found on PATH: install poppler-utils (apt-get install -y poppler-utils)`);
  const result = spawnSync(executable, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) throw new Error(`${tool} ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')} exited with ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * Renders every page of `pdfPath` to `outDir`/<pdf name>-<page>.png at 60 dpi (8-bit RGB) and returns their paths in
 * page order. Earlier PNGs of the same PDF name in `outDir` are removed first.
 */
export function pdfToPngPages(pdfPath: string, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const prefix = basename(pdfPath, extname(pdfPath));
  // pdftoppm names pages <prefix>-<n>.png, n zero-padded to the digits of the page count.
  const pageFile = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.png$`);
  const pagesIn = () =>
    readdirSync(outDir)
      .map((name) => ({ name, page: pageFile.exec(name)?.[1] }))
      .filter((entry): entry is { name: string; page: string } => entry.page !== undefined);
  for (const old of pagesIn()) rmSync(join(outDir, old.name));
  run('pdftoppm', ['-png', '-r', '60', pdfPath, join(outDir, prefix)]);
  return pagesIn()
    .sort((a, b) => Number(a.page) - Number(b.page))
    .map((entry) => join(outDir, entry.name));
}

/** The text of `pdfPath`, laid out as on the page (pdftotext -layout); pages are separated by form feeds. */
export function pdfText(pdfPath: string): string {
  return run('pdftotext', ['-layout', pdfPath, '-']);
}

/** The page count pdfinfo reports, for cross-checks. */
export function pdfInfoPages(pdfPath: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdfPath]));
  if (match?.[1] === undefined) throw new Error(`pdfinfo did not report a page count for ${pdfPath}`);
  return Number(match[1]);
}
