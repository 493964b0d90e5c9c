import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvTable, type CsvColumnSpec } from './csv-table.ts';
import { InputError } from './input-error.ts';

const COLUMNS: CsvColumnSpec[] = [
  { name: 'date', kind: 'date' },
  { name: 'count', kind: 'integer', min: 0 },
  { name: 'price', kind: 'number', optional: true },
  { name: 'tag', kind: 'text', oneOf: ['a', 'b'] },
];

function errorOf(text: string): string {
  try {
    readCsvTable(text, 'f.csv', COLUMNS);
  } catch (error) {
    assert.ok(error instanceof InputError);
    return error.message;
  }
  assert.fail('expected an InputError');
}

test('reads typed columns, empty optional numbers as NaN, CRLF line ends', () => {
  const table = readCsvTable('date,count,price,tag\r\n2025-01-01,3,1.5e3,a\r\n2025-01-02,0,,b\r\n', 'f.csv', COLUMNS);
  assert.equal(table.rowCount, 2);
  assert.deepEqual(Array.from(table.numbers['count'] as Float64Array), [3, 0]);
  assert.equal(table.numbers['price']?.[0], 1500);
  assert.ok(Number.isNaN(table.numbers['price']?.[1] as number));
  assert.deepEqual(table.texts['tag'], ['a', 'b']);
  assert.equal(table.columnOf(1, 'tag'), 15);
});

test('bad values name file:line:column and the column', () => {
  assert.equal(errorOf('date,count\n'), 'f.csv:1:1: expected the header "date,count,price,tag", found "date,count"');
  assert.equal(
    errorOf('date,count,price,tag\n2025-01-01,x,1,a\n'),
    'f.csv:2:12: column "count": expected an integer, found "x"',
  );
  assert.equal(
    errorOf('date,count,price,tag\n2025-01-01,1,1,a\n2025-01-02,-1,1,a\n'),
    'f.csv:3:12: column "count": -1 is below the minimum 0',
  );
  assert.equal(
    errorOf('date,count,price,tag\n2025-01-01,1,NaN,a\n'),
    'f.csv:2:14: column "price": expected a number, found "NaN"',
  );
  assert.equal(
    errorOf('date,count,price,tag\n2025-01-01,1,1,c\n'),
    'f.csv:2:16: column "tag": expected one of a, b, found "c"',
  );
  assert.equal(
    errorOf('date,count,price,tag\n2025-01-01,1,1\n'),
    'f.csv:2:1: expected 4 fields (date,count,price,tag), found 3',
  );
  assert.equal(
    errorOf('date,count,price,tag\n01/02/2025,1,1,a\n'),
    'f.csv:2:1: column "date": expected a date YYYY-MM-DD, found "01/02/2025"',
  );
  assert.equal(errorOf('date,count,price,tag\n2025-01-01,,1,a\n'), 'f.csv:2:12: column "count": a value is required');
});

test('text hygiene: a byte-order mark is dropped, a NUL or control character refused at its line:column', () => {
  assert.equal(readCsvTable('\uFEFFdate,count,price,tag\n2025-01-01,3,,a\n', 'f.csv', COLUMNS).rowCount, 1);
  assert.match(errorOf('date,count,price,tag\n2025-01-01,3\u0000,,a\n'), /^f\.csv:2:13: a NUL byte \(U\+0000\)/);
  assert.match(
    errorOf('date,count,price,tag\n2025-01-01,3,,\u001b[2Ja\n'),
    /^f\.csv:2:15: the control character U\+001B/,
  );
});
