/**
 * The text of an input file (YAML or CSV), as every reader takes it (issue 19, "text hygiene"): strict UTF-8, a
 * leading byte-order mark dropped, and only printable characters. The printable set is YAML 1.2's (§5.1,
 * c-printable): tab, line feed, carriage return and everything from U+0020 on except DEL, the C1 controls other than
 * U+0085, lone surrogates and U+FFFE/U+FFFF; CSV files are held to the same set. The first character outside it is
 * refused at its file:line:column, where lines count line feeds and columns count UTF-16 code units from 1, as the
 * YAML and CSV readers count them.
 */
import { InputError } from './input-error.ts';
import { firstInvalidUtf8Offset } from './utf8-validation.ts';

const BYTE_ORDER_MARK = '\uFEFF';
/** Characters outside YAML's c-printable; with the `u` flag a lone surrogate matches and a surrogate pair does not. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** U+XXXX for a message. */
function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` without a leading byte-order mark, or an InputError at the first character that is not printable. */
export function checkedInputText(text: string, file: string): string {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const found = NOT_PRINTABLE.exec(body);
  if (found === null) return body;
  const codePoint = found[0].codePointAt(0) as number;
  const what =
    codePoint === 0
      ? 'a NUL byte (U+0000): input files are text'
      : codePoint >= 0xd800 && codePoint <= 0xdfff
        ? `a lone surrogate (${codePointName(codePoint)}) is not text`
        : `the control character ${codePointName(codePoint)} is not allowed in an input file`;
  throw InputError.inFile({ file, ...lineColumnAt(body, found.index) }, what);
}

/**
 * The bytes of an input file as text: strict UTF-8 (the first ill-formed byte is refused at its line:column), then
 * `checkedInputText`.
 */
export function decodeInputText(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes) ?? bytes.length;
    let before = lenientUtf8.decode(bytes.subarray(0, offset));
    if (before.startsWith(BYTE_ORDER_MARK)) before = before.slice(1);
    const shown = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw InputError.inFile(
      { file, ...lineColumnAt(before, before.length) },
      `not UTF-8 (byte 0x${shown} starts no valid character): save the file as UTF-8`,
    );
  }
  return checkedInputText(text, file);
}
