// Prints the research note's HTML to PDF with the system's headless Chromium, through playwright-core
// (DESIGN.md §10). Playwright cannot download browsers here, so this drives an installed Chrome/Chromium: the one
// the caller names (callers pass RERATE_CHROMIUM when set; this module reads no environment), else the first of
// DEFAULT_CHROMIUM_CANDIDATES that exists.
//
// - The page never touches the network: the note's HTML is self-contained, so every request it makes other than a
//   data: URL is aborted (and the browser context is offline, with service workers blocked). The aborted URLs come
//   back in `blockedRequests`, so a caller can warn about a note that is not self-contained.
// - A4, backgrounds printed, a footer "Page X of Y" on every page.
// - The PDF is written to a temporary file beside `outPath` and renamed over it, so `outPath` is either the old file
//   or the complete new one, never half-written.
// - Pages are counted from the PDF itself (countPdfPages): the page objects, `/Type /Page` but not `/Type /Pages`.
//   Chromium (Skia) writes page dictionaries uncompressed; if none is found (a PDF whose objects are all in
//   compressed object streams), the page tree's `/Count` is used instead. No poppler needed at run time.
import { accessSync, constants, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';

/** Where Chromium is looked for when no executable is given, in order. */
export const DEFAULT_CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Chromium's flags for a headless, offline, throwaway run (ENGINEERING.md). No --user-data-dir: Playwright refuses it,
 * and a plain launch already uses a fresh profile. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How to get a browser, for the error when none is found. */
export const CHROMIUM_HOW_TO =
  'Install Chromium (Debian/Ubuntu: apt-get install -y chromium) or set RERATE_CHROMIUM to a Chrome/Chromium binary';

const DEFAULT_TIMEOUT_MS = 60_000;

export interface PrintPdfOptions {
  /** The Chrome/Chromium binary. Empty or absent: the first of DEFAULT_CHROMIUM_CANDIDATES that exists. */
  executablePath?: string;
  /** The whole print (launch, load, print, write) must finish within this; default 60 s. */
  timeoutMs?: number;
}

export interface PrintPdfResult {
  /** Number of pages in the written PDF (countPdfPages). */
  pages: number;
  /** Size of the written PDF. */
  bytes: number;
  /** Requests the page tried to make and that were aborted (anything not data:), in order. */
  blockedRequests: string[];
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `candidates` that is an executable file, or undefined. */
export function findChromium(candidates: readonly string[] = DEFAULT_CHROMIUM_CANDIDATES): string | undefined {
  return candidates.find(isExecutableFile);
}

/**
 * The browser to launch: `executablePath` when given (it must exist), else the first existing candidate.
 * Throws an Error naming what was looked for and how to install a browser.
 */
export function resolveChromium(
  executablePath?: string,
  candidates: readonly string[] = DEFAULT_CHROMIUM_CANDIDATES,
): string {
  if (executablePath !== undefined && executablePath !== '') {
    if (isExecutableFile(executablePath)) return executablePath;
    throw new Error(
      `Chromium not found: ${executablePath} (the executable given, e.g. by RERATE_CHROMIUM) ` +
        `is not an executable file. ${CHROMIUM_HOW_TO}.`,
    );
  }
  const found = findChromium(candidates);
  if (found !== undefined) return found;
  const looked = candidates.length > 0 ? candidates.join(', ') : 'no candidate paths';
  throw new Error(`Chromium not found: looked for ${looked}, and RERATE_CHROMIUM is not set. ${CHROMIUM_HOW_TO}.`);
}

/**
 * Pages in a PDF: the page objects (`/Type /Page`, not `/Type /Pages`), or when there are none in plain sight (all
 * objects in compressed object streams) the largest page-tree `/Count`. 0 when neither is found.
 */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pageObjects = text.match(/\/Type\s*\/Page(?![A-Za-z0-9])/g)?.length ?? 0;
  if (pageObjects > 0) return pageObjects;
  let count = 0;
  for (const match of text.matchAll(
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g,
  )) {
    count = Math.max(count, Number(match[1] ?? match[2]));
  }
  return count;
}

const FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:8px;font-family:sans-serif;color:#555;text-align:center;">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? message
  );
}

/**
 * Prints self-contained `html` to a PDF at `outPath` (A4, backgrounds, "Page X of Y" footer) with headless Chromium.
 * The folder of `outPath` must exist. Nothing is written unless the whole print succeeds.
 */
export async function printHtmlToPdf(
  html: string,
  outPath: string,
  options: PrintPdfOptions = {},
): Promise<PrintPdfResult> {
  const executablePath = resolveChromium(options.executablePath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new Error(`printHtmlToPdf: timeoutMs must be a positive number of milliseconds, not ${timeoutMs}`);
  const target = resolve(outPath);
  const folder = dirname(target);
  let folderIsDirectory = false;
  try {
    folderIsDirectory = statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!folderIsDirectory) throw new Error(`Cannot write the PDF ${outPath}: the folder ${folder} does not exist`);

  const started = Date.now();
  const remaining = () => Math.max(1, timeoutMs - (Date.now() - started));
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const blockedRequests: string[] = [];

  const work = async (): Promise<Buffer> => {
    // Loaded here, not at start-up: playwright-core takes most of a second to load and only PDF notes need it.
    const { chromium } = await import('playwright-core');
    try {
      browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: remaining() });
    } catch (error) {
      if (timedOut) throw error;
      throw new Error(`Chromium at ${executablePath} did not start: ${firstLine(error)}. ${CHROMIUM_HOW_TO}.`, {
        cause: error,
      });
    }
    if (timedOut) {
      // The deadline passed during the launch: the cleanup below has already run, so close this browser here.
      await browser.close().catch(() => undefined);
      throw new Error('timed out');
    }
    const context = await browser.newContext({ offline: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(remaining());
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('data:')) return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    await page.setContent(html, { waitUntil: 'load', timeout: remaining() });
    return page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', right: '15mm', bottom: '18mm', left: '15mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER_TEMPLATE,
    });
  };

  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`Printing ${outPath} with Chromium took longer than ${timeoutMs} ms`));
    }, timeoutMs);
  });

  let pdf: Buffer;
  try {
    pdf = await Promise.race([work(), deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    // Closing also ends whatever is still pending after a timeout.
    await (browser as Browser | undefined)?.close().catch(() => undefined);
  }

  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new Error(`Chromium returned something other than a PDF for ${outPath}`);
  const pages = countPdfPages(pdf);
  if (pages < 1) throw new Error(`Chromium returned a PDF with no pages found in it for ${outPath}`);

  const temporary = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, pdf, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { pages, bytes: pdf.byteLength, blockedRequests };
}
