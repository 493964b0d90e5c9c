import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { withZipTimestamps } from './zip-timestamps.ts';

/** Every entry's name and MS-DOS date and time (`YYYY-MM-DD HH:MM:SS`), read from the central directory. */
function entryStamps(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  let at = view.getUint32(end + 16, true);
  const stamps: string[] = [];
  const two = (value: number) => String(value).padStart(2, '0');
  for (let entry = 0; entry < view.getUint16(end + 10, true); entry++) {
    const time = view.getUint16(at + 12, true);
    const date = view.getUint16(at + 14, true);
    const nameBytes = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameBytes));
    stamps.push(
      `${name} ${(date >> 9) + 1980}-${two((date >> 5) & 15)}-${two(date & 31)} ` +
        `${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`,
    );
    at += 46 + nameBytes + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return stamps;
}

/** A small workbook with fixed document dates, zipped by exceljs while the clock says `nowMs`. */
async function workbookAt(t: { mock: { timers: { setTime(ms: number): void } } }, nowMs: number): Promise<Uint8Array> {
  t.mock.timers.setTime(nowMs);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date('2026-02-04T00:00:00Z');
  workbook.modified = workbook.created;
  workbook.addWorksheet('sheet').addRow(['a', 1]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

test('every zip entry is stamped midnight of the day, so the wall clock no longer reaches the bytes', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const morning = await workbookAt(t, Date.parse('2031-05-06T07:08:10Z'));
  const evening = await workbookAt(t, Date.parse('2031-05-06T19:40:22Z'));
  // Without the stamps the archives differ: exceljs dates each entry by the clock.
  assert.notDeepEqual(morning, evening);
  assert.ok(
    entryStamps(morning).every((stamp) => stamp.endsWith('2031-05-06 07:08:10')),
    entryStamps(morning)[0],
  );

  const stamped = withZipTimestamps(morning, '2026-02-04');
  assert.deepEqual(stamped, withZipTimestamps(evening, '2026-02-04'));
  assert.equal(stamped.byteLength, morning.byteLength);
  const stamps = entryStamps(stamped);
  assert.ok(stamps.length >= 8, stamps.join('\n'));
  for (const stamp of stamps) assert.match(stamp, / 2026-02-04 00:00:00$/);
  // Still a workbook: it reads back with its cell.
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(stamped.slice().buffer as ArrayBuffer);
  assert.equal(read.getWorksheet('sheet')?.getCell('B1').value, 1);
  // The input is left as it was.
  assert.ok(entryStamps(morning).every((stamp) => stamp.endsWith('2031-05-06 07:08:10')));
});

test('what is not a plain zip, or a day an MS-DOS date cannot hold, is refused', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const zip = await workbookAt(t, Date.parse('2030-01-01T00:00:00Z'));
  assert.throws(() => withZipTimestamps(new TextEncoder().encode('not a zip at all, just text'), '2026-02-04'), {
    message: /no end of central directory record/,
  });
  // An archive comment moves the end record: refused rather than misread.
  const commented = new Uint8Array(zip.byteLength + 3);
  commented.set(zip);
  new DataView(commented.buffer).setUint16(zip.byteLength - 2, 3, true);
  assert.throws(() => withZipTimestamps(commented, '2026-02-04'), { message: /end of central directory/ });
  // A directory pointing nowhere is refused, not written through.
  const broken = zip.slice();
  new DataView(broken.buffer).setUint32(broken.byteLength - 22 + 16, 7, true);
  assert.throws(() => withZipTimestamps(broken, '2026-02-04'), { message: /central directory entry 0/ });
  for (const day of ['1979-12-31', '2108-01-01', '2026-2-4'])
    assert.throws(() => withZipTimestamps(zip, day), { message: new RegExp(`cannot be dated ${day}`) });
});
