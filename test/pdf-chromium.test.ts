// printHtmlToPdf with the system's headless Chromium: a small note with a table and an inline SVG chart is printed,
// then read back with poppler-utils (text with pdftotext, page 1 as a PNG with pdftoppm, decoded in
// test/support/png.ts) to check the table's text, the footer and the chart's bar colours. The page must not reach
// the network. Without Chromium or poppler-utils these tests skip with a notice; RERATE_REQUIRE_CHROMIUM=1 (set by
// .ci/run) makes that a failure. PDFs and PNGs are kept under test-artifacts/pdf/ for a look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import {
  CHROMIUM_HOW_TO,
  countPdfPages,
  DEFAULT_CHROMIUM_CANDIDATES,
  findChromium,
  printHtmlToPdf,
  resolveChromium,
  type PrintPdfResult,
} from '../src/report/pdf-chromium.ts';
import { pdfInfoPages, pdfText, pdfToPngPages, systemTool } from './support/pdf-pages.ts';
import { countPixelsNear, decodePng } from './support/png.ts';
import { assertAvailable, skipUnless, systemRequirement } from './support/requires.ts';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/pdf/', import.meta.url));

// The caller reads RERATE_CHROMIUM and passes it in, as the CLI does.
const envChromium = process.env['RERATE_CHROMIUM'];
const chromiumPath = envChromium !== undefined && envChromium !== '' ? findChromium([envChromium]) : findChromium();
const chromiumMissing =
  chromiumPath === undefined
    ? [
        envChromium !== undefined && envChromium !== ''
          ? `Chromium (RERATE_CHROMIUM=${envChromium} is not executable)`
          : `Chromium (looked for ${DEFAULT_CHROMIUM_CANDIDATES.join(', ')})`,
      ]
    : [];
const popplerMissing = ['pdftoppm', 'pdftotext', 'pdfinfo']
  .filter((tool) => systemTool(tool) === undefined)
  .map((tool) => `${tool} (poppler-utils)`);

const needsChromium = systemRequirement({
  what: 'Chromium',
  missing: chromiumMissing,
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo: CHROMIUM_HOW_TO,
});
const needsChromiumAndPoppler = systemRequirement({
  what: 'Chromium and poppler-utils',
  missing: [...chromiumMissing, ...popplerMissing],
  requireVariable: 'RERATE_REQUIRE_CHROMIUM',
  howTo:
    'Install them (Debian/Ubuntu: apt-get install -y chromium poppler-utils), ' +
    'or set RERATE_CHROMIUM to a Chrome/Chromium binary',
});
const chromiumTest = { skip: skipUnless(needsChromium, 'the PDF (Chromium) tests'), timeout: 120_000 };
const popplerTest = {
  skip: skipUnless(needsChromiumAndPoppler, 'the PDF read-back (Chromium + poppler-utils) tests'),
  timeout: 120_000,
};

const printOptions = chromiumPath === undefined ? {} : { executablePath: chromiumPath, timeoutMs: 60_000 };

const BAR_COLOURS = ['#d62728', '#1f77b4', '#2ca02c'] as const;
const DATA_IMAGE_COLOUR = '#8a2be2';
const DATA_IMAGE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60">' +
    `<rect width="160" height="60" fill="${DATA_IMAGE_COLOUR}"/></svg>`,
)}`;

const NOTE_HTML =
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Miner hashrate</title>
<style>
  body { font-family: sans-serif; font-size: 11pt; }
  table { border-collapse: collapse; margin: 12px 0; }
  td, th { border: 1px solid #999; padding: 4px 8px; }
</style></head>
<body>
  <h1>Installed hashrate</h1>
  <table>
    <thead><tr><th>Company</th><th>EH/s</th></tr></thead>
    <tbody>
      <tr><td>Quillfeather Mining</td><td>31.4</td></tr>
      <tr><td>Ravensworth Hash</td><td>18.9</td></tr>
      <tr><td>Sablecrest Compute</td><td>7.2</td></tr>
    </tbody>
  </table>
  <svg xmlns="http://www.w3.org/2000/svg" width="320" height="170" ` +
  `viewBox="0 0 320 170" role="img" aria-label="EH/s by company">
    <rect class="mark" x="20" y="10" width="70" height="150" fill="${BAR_COLOURS[0]}"/>
    <rect class="mark" x="120" y="70" width="70" height="90" fill="${BAR_COLOURS[1]}"/>
    <rect class="mark" x="220" y="125" width="70" height="35" fill="${BAR_COLOURS[2]}"/>
    <line x1="10" y1="160" x2="310" y2="160" stroke="#333"/>
  </svg>
  <p><img alt="legend" src="${DATA_IMAGE}" width="160" height="60"></p>
</body></html>`;

/** The note printed once (lazily) for the tests that read it back. */
let notePrint: Promise<{ path: string; result: PrintPdfResult; ms: number }> | undefined;
function printNote() {
  notePrint ??= (async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'note.pdf');
    const started = performance.now();
    const result = await printHtmlToPdf(NOTE_HTML, path, printOptions);
    return { path, result, ms: performance.now() - started };
  })();
  return notePrint;
}

test('prints a note with a table and an SVG chart to a PDF, written whole', chromiumTest, async (t) => {
  assertAvailable(needsChromium);
  const { path, result, ms } = await printNote();
  t.diagnostic(`launch + print + write: ${ms.toFixed(0)} ms, ${result.pages} page(s), ${result.bytes} bytes`);
  const pdf = readFileSync(path);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(result.pages >= 1);
  assert.equal(result.pages, countPdfPages(pdf));
  assert.equal(result.bytes, pdf.length);
  assert.deepEqual(
    result.blockedRequests,
    [],
    'the self-contained note makes no requests (its data: image is allowed)',
  );
  assert.deepEqual(
    readdirSync(ARTIFACTS).filter((name) => name.endsWith('.tmp')),
    [],
    'no temporary file is left behind',
  );
});

test('the PDF holds the table text and a "Page X of Y" footer', popplerTest, async () => {
  assertAvailable(needsChromiumAndPoppler);
  const { path, result } = await printNote();
  const text = pdfText(path);
  for (const cell of [
    'Installed hashrate',
    'Quillfeather Mining',
    '31.4',
    'Ravensworth Hash',
    '18.9',
    'Sablecrest Compute',
    '7.2',
  ]) {
    assert.ok(text.includes(cell), `the PDF text has "${cell}"`);
  }
  assert.match(text, new RegExp(`Page 1 of ${result.pages}\\b`));
  assert.equal(result.pages, pdfInfoPages(path), 'the page count agrees with pdfinfo');
});

test('page 1, rendered to PNG, shows the chart bars and the data: image in their colours', popplerTest, async (t) => {
  assertAvailable(needsChromiumAndPoppler);
  const { path } = await printNote();
  const pngs = pdfToPngPages(path, ARTIFACTS);
  assert.ok(pngs.length >= 1);
  const first = pngs[0] as string;
  t.diagnostic(`page 1: ${first}`);
  const image = decodePng(readFileSync(first));
  // A4 at 60 dpi: 8.27 in × 11.69 in.
  assert.ok(
    Math.abs(image.width - 496) <= 2 && Math.abs(image.height - 702) <= 2,
    `A4 at 60 dpi, got ${image.width}×${image.height}`,
  );
  // At 60 dpi a CSS pixel is 0.625 device pixels: the smallest bar (70 × 35) covers about 44 × 22 ≈ 950 pixels.
  for (const colour of BAR_COLOURS) {
    const count = countPixelsNear(image, colour, 12);
    assert.ok(count >= 600, `bar colour ${colour}: ${count} pixels`);
  }
  assert.ok(countPixelsNear(image, DATA_IMAGE_COLOUR, 12) >= 2000, 'the data: image is drawn');
  assert.equal(countPixelsNear(image, '#ff00ff', 12), 0, 'a colour not in the note is not found');
});

test(
  'a long note spans pages: the count agrees with pdfinfo and the footer numbers every page',
  popplerTest,
  async () => {
    assertAvailable(needsChromiumAndPoppler);
    mkdirSync(ARTIFACTS, { recursive: true });
    const rows = Array.from(
      { length: 150 },
      (_, i) => `<tr><td>row ${i + 1}</td><td>${(i * 1.5).toFixed(1)}</td></tr>`,
    ).join('');
    const path = join(ARTIFACTS, 'long.pdf');
    const result = await printHtmlToPdf(
      `<!doctype html><html><body><table>${rows}</table></body></html>`,
      path,
      printOptions,
    );
    assert.ok(result.pages >= 3, `${result.pages} pages`);
    assert.equal(result.pages, pdfInfoPages(path));
    const text = pdfText(path);
    for (let page = 1; page <= result.pages; page++)
      assert.match(text, new RegExp(`Page ${page} of ${result.pages}\\b`));
    assert.ok(text.includes('row 150'));
    assert.equal(pdfToPngPages(path, ARTIFACTS).length, result.pages);
  },
);

test(
  'the page cannot reach the network: every request but data: is aborted, and printing does not hang',
  chromiumTest,
  async (t) => {
    assertAvailable(needsChromium);
    let reached = 0;
    const server = createServer((_request, response) => {
      reached++;
      response.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === 'object');
    const local = `http://127.0.0.1:${address.port}`;
    try {
      mkdirSync(ARTIFACTS, { recursive: true });
      const html = `<!doctype html><html><head><link rel="stylesheet" href="${local}/style.css"></head><body>
      <p>Offline note</p>
      <img src="http://example.com/x.png"><img src="${local}/y.png">
      <script>fetch('${local}/fetch').catch(() => {});</script>
    </body></html>`;
      const started = performance.now();
      const result = await printHtmlToPdf(html, join(ARTIFACTS, 'offline.pdf'), { ...printOptions, timeoutMs: 30_000 });
      const ms = performance.now() - started;
      t.diagnostic(`printed in ${ms.toFixed(0)} ms; blocked: ${result.blockedRequests.join(' ')}`);
      assert.ok(result.pages >= 1);
      assert.ok(result.blockedRequests.includes('http://example.com/x.png'), 'the example.com image was aborted');
      assert.ok(
        result.blockedRequests.includes(`${local}/y.png`) && result.blockedRequests.includes(`${local}/style.css`),
      );
      assert.equal(reached, 0, 'no request reached the local server');
      assert.ok(ms < 25_000, 'did not wait for the network');
    } finally {
      server.close();
    }
  },
);

test('an existing PDF is replaced whole; a missing folder is a clear error', chromiumTest, async () => {
  assertAvailable(needsChromium);
  const dir = mkdtempSync(join(tmpdir(), 'rerate-pdf-'));
  try {
    const path = join(dir, 'note.pdf');
    writeFileSync(path, 'old');
    const result = await printHtmlToPdf('<p>new</p>', path, printOptions);
    assert.equal(statSync(path).size, result.bytes);
    assert.deepEqual(readdirSync(dir), ['note.pdf']);
    await assert.rejects(
      printHtmlToPdf('<p>x</p>', join(dir, 'no', 'such', 'folder', 'a.pdf'), printOptions),
      /folder .*no\/such\/folder does not exist/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const withoutChromiumTestName =
  'without Chromium: a clear error naming what was looked for and how to install it, and nothing written';
test(withoutChromiumTestName, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rerate-pdf-'));
  try {
    const path = join(dir, 'note.pdf');
    writeFileSync(path, 'old');
    const missing = join(dir, 'no-such-chromium');
    await assert.rejects(printHtmlToPdf('<p>x</p>', path, { executablePath: missing }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(error.message.includes(missing), error.message);
      assert.match(error.message, /apt-get install -y chromium/);
      assert.match(error.message, /RERATE_CHROMIUM/);
      assert.doesNotMatch(error.message, /playwright|\n/i, 'not a Playwright stack');
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir), ['note.pdf']);

    assert.equal(findChromium([missing, join(dir, 'also-missing')]), undefined);
    assert.equal(findChromium([dir]), undefined, 'a folder is not a browser');
    assert.throws(
      () => resolveChromium(undefined, ['/nonexistent/chromium', '/nonexistent/chrome']),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /looked for \/nonexistent\/chromium, \/nonexistent\/chrome/);
        assert.match(error.message, /apt-get install -y chromium/);
        assert.match(error.message, /RERATE_CHROMIUM/);
        return true;
      },
    );
    // An empty RERATE_CHROMIUM passed through counts as unset.
    assert.throws(() => resolveChromium('', []), /RERATE_CHROMIUM is not set/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('countPdfPages counts page objects, not the page tree, and falls back to /Count', () => {
  const pdf = (text: string) => Buffer.from(text, 'latin1');
  assert.equal(
    countPdfPages(
      pdf(
        '1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> ' +
          '2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>',
      ),
    ),
    2,
  );
  assert.equal(countPdfPages(pdf('1 0 obj << /Type /Pages /Count 5 /Kids [] >>')), 5);
  assert.equal(countPdfPages(pdf('1 0 obj << /Count 4 /Type /Pages >>')), 4);
  assert.equal(countPdfPages(pdf('%PDF-1.4 nothing')), 0);
});

/** Encodes an 8-bit RGB(A) image as PNG, row i with filter type i % 5, to check every filter of the decoder. */
function encodePng(width: number, height: number, channels: 3 | 4, data: Uint8Array): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const out = Buffer.alloc(typed.length + 8);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc(typed), typed.length + 4);
    return out;
  };
  const stride = width * channels;
  const at = (i: number) => (i >= 0 ? (data[i] as number) : 0);
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const i = y * stride + x;
      const left = x >= channels ? at(i - channels) : 0;
      const up = y > 0 ? at(i - stride) : 0;
      const upLeft = y > 0 && x >= channels ? at(i - stride - channels) : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter] as number;
      raw[y * (stride + 1) + 1 + x] = (at(i) - predictor) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('the PNG decoder reads every filter type, RGB and RGBA, and refuses bad files', () => {
  for (const channels of [3, 4] as const) {
    const width = 7;
    const height = 10;
    const data = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
    const decoded = decodePng(encodePng(width, height, channels, data));
    assert.equal(decoded.width, width);
    assert.equal(decoded.height, height);
    assert.equal(decoded.channels, channels);
    assert.deepEqual(decoded.data, data);
  }
  const good = encodePng(2, 2, 3, new Uint8Array(12).fill(200));
  assert.equal(countPixelsNear(decodePng(good), [200, 200, 200], 0), 4);
  const corrupt = Buffer.from(good);
  corrupt[20] = (corrupt[20] as number) ^ 1;
  assert.throws(() => decodePng(corrupt), /bad CRC/);
  assert.throws(() => decodePng(Buffer.from('not a png')), /signature/);
});
