/**
 * A strict reader for the plain CSV data files rerate ships and accepts: a header row naming exactly the
 * expected columns, then one record per line, no quoting. Every value is checked against its column's kind;
 * the first bad value throws an InputError naming file:line:column. Numeric columns come back as Float64Array
 * (NaN where an optional value is empty), so loaders build daily series without per-row objects. The text is first
 * held to the input-text rules (src/schema/input-text.ts: printable, no NUL, a byte-order mark dropped).
 */
import { InputError } from './input-error.ts';
import { checkedInputText } from './input-text.ts';

export type CsvColumnKind = 'number' | 'integer' | 'date' | 'text';

export interface CsvColumnSpec {
  name: string;
  kind: CsvColumnKind;
  /** An empty value is allowed (NaN for numeric kinds, '' for text). */
  optional?: boolean;
  /** Smallest allowed numeric value (inclusive). */
  min?: number;
  /** For text columns: the allowed values. */
  oneOf?: readonly string[];
  /** For text columns: a pattern the value must match. */
  pattern?: RegExp;
}

export interface CsvTable {
  file: string;
  rowCount: number;
  /** Numeric columns (number, integer) by name. */
  numbers: Record<string, Float64Array>;
  /** Text and date columns by name. */
  texts: Record<string, string[]>;
  /** The 1-based file line of row i (the header is line 1, so row 0 is line 2). */
  lineOfRow(row: number): number;
  /** The 1-based character column where a row's field starts, for pointing at a value found wrong later. */
  columnOf(row: number, columnName: string): number;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const INTEGER = /^-?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a value does not fit its column, or undefined when it does. */
function checkValue(spec: CsvColumnSpec, value: string): string | undefined {
  if (value === '') return spec.optional ? undefined : 'a value is required';
  if (spec.kind === 'text' || spec.kind === 'date') {
    if (spec.kind === 'date' && !DATE.test(value)) return `expected a date YYYY-MM-DD, found "${value}"`;
    if (spec.oneOf && !spec.oneOf.includes(value)) return `expected one of ${spec.oneOf.join(', ')}, found "${value}"`;
    if (spec.pattern && !spec.pattern.test(value)) return `"${value}" does not match ${spec.pattern}`;
    return undefined;
  }
  if (!(spec.kind === 'integer' ? INTEGER : NUMBER).test(value)) {
    return `expected ${spec.kind === 'integer' ? 'an integer' : 'a number'}, found "${value}"`;
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) return `"${value}" is not a finite number`;
  if (spec.min !== undefined && parsed < spec.min) return `${value} is below the minimum ${spec.min}`;
  return undefined;
}

export function readCsvTable(text: string, file: string, columns: readonly CsvColumnSpec[]): CsvTable {
  const lines = checkedInputText(text, file).split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const expectedHeader = columns.map((column) => column.name).join(',');
  if (lines[0] !== expectedHeader) {
    throw InputError.inFile(
      { file, line: 1, column: 1 },
      `expected the header "${expectedHeader}", found "${lines[0] ?? ''}"`,
    );
  }
  const rowCount = lines.length - 1;
  const numbers: Record<string, Float64Array> = {};
  const texts: Record<string, string[]> = {};
  // One sink per column, so the row loop indexes arrays rather than looking names up.
  const numberSinks: (Float64Array | undefined)[] = [];
  const textSinks: (string[] | undefined)[] = [];
  for (const column of columns) {
    if (column.kind === 'text' || column.kind === 'date') {
      const sink: string[] = [];
      texts[column.name] = sink;
      textSinks.push(sink);
      numberSinks.push(undefined);
    } else {
      const sink = new Float64Array(rowCount);
      numbers[column.name] = sink;
      numberSinks.push(sink);
      textSinks.push(undefined);
    }
  }

  for (let row = 0; row < rowCount; row++) {
    const line = lines[row + 1] as string;
    const fields = line.split(',');
    if (fields.length !== columns.length) {
      throw InputError.inFile(
        { file, line: row + 2, column: 1 },
        `expected ${columns.length} fields (${expectedHeader}), found ${fields.length}`,
      );
    }
    for (let index = 0; index < columns.length; index++) {
      const spec = columns[index] as CsvColumnSpec;
      const value = fields[index] as string;
      const problem = checkValue(spec, value);
      if (problem !== undefined) {
        let column = 1;
        for (let i = 0; i < index; i++) column += (fields[i] as string).length + 1;
        throw InputError.inFile({ file, line: row + 2, column }, `column "${spec.name}": ${problem}`);
      }
      const numberSink = numberSinks[index];
      if (numberSink) numberSink[row] = value === '' ? NaN : Number(value);
      else (textSinks[index] as string[]).push(value);
    }
  }
  const columnOf = (row: number, columnName: string): number => {
    const fields = (lines[row + 1] ?? '').split(',');
    const index = columns.findIndex((column) => column.name === columnName);
    let position = 1;
    for (let i = 0; i < index; i++) position += (fields[i] ?? '').length + 1;
    return position;
  };
  return { file, rowCount, numbers, texts, lineOfRow: (row) => row + 2, columnOf };
}
