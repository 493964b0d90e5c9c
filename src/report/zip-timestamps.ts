/**
 * Sets the modification time of every entry of a ZIP archive (an XLSX workbook is one) to midnight of a given day,
 * so an archive built twice from the same content is byte-identical whatever the wall clock said (zip writers stamp
 * each entry with "now", at 2-second resolution).
 *
 * Format (PKWARE APPNOTE.TXT 6.3.10): the end of central directory record (signature 0x06054b50, 4.3.16) gives the
 * entry count and the central directory's offset; each central directory header (0x02014b50, 4.3.12) holds the
 * entry's MS-DOS time and date at offsets 12 and 14 and its local header's offset at 42; each local file header
 * (0x04034b50, 4.3.7) holds the same time and date at offsets 10 and 12. Neither is covered by a CRC, so rewriting
 * them in place leaves the archive valid. MS-DOS date: bits 15–9 year − 1980, 8–5 month, 4–0 day; time: hours,
 * minutes, seconds / 2 (all 0 at midnight). ZIP64 archives and archive comments are refused: an XLSX of our size has
 * neither.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const CENTRAL_HEADER_BYTES = 46;

/** A copy of `zip` with every entry stamped 00:00:00 on `day` (YYYY-MM-DD, 1980 … 2107: what MS-DOS dates hold). */
export function withZipTimestamps(zip: Uint8Array, day: string): Uint8Array {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const year = Number(match?.[1]);
  if (!match || year < 1980 || year > 2107) throw new Error(`a ZIP entry cannot be dated ${day}`);
  const dosDate = ((year - 1980) << 9) | (Number(match[2]) << 5) | Number(match[3]);
  const dosTime = 0;

  const bytes = Uint8Array.from(zip);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength - END_RECORD_BYTES;
  if (end < 0 || view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY)
    throw new Error('not a ZIP archive without comment: no end of central directory record at its end');
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (entries === 0xffff || at === 0xffffffff) throw new Error('a ZIP64 archive: not expected here');
  for (let entry = 0; entry < entries; entry++) {
    if (at + CENTRAL_HEADER_BYTES > end || view.getUint32(at, true) !== CENTRAL_DIRECTORY_HEADER)
      throw new Error(`ZIP central directory entry ${entry} is not where the directory says`);
    view.setUint16(at + 12, dosTime, true);
    view.setUint16(at + 14, dosDate, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > end || view.getUint32(local, true) !== LOCAL_FILE_HEADER)
      throw new Error(`ZIP entry ${entry}: no local file header at offset ${local}`);
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    const nameBytes = view.getUint16(at + 28, true);
    const extraBytes = view.getUint16(at + 30, true);
    const commentBytes = view.getUint16(at + 32, true);
    at += CENTRAL_HEADER_BYTES + nameBytes + extraBytes + commentBytes;
  }
  return bytes;
}
