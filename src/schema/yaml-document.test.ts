// Issue 19, "text hygiene", for YAML: one document per file, nesting bounded before any recursion, and problems
// located where they are: an unrecognized or repeated key at the key itself, however large the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from './input-error.ts';
import { parseYaml } from './yaml-document.ts';
import { MAX_YAML_NESTING_LEVELS } from './yaml-stream-shape.ts';

const anything = z.unknown();

function refusal(text: string, schema: z.ZodType = anything): InputError {
  try {
    parseYaml(text, 'f.yaml', schema);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error;
  }
  assert.fail('expected an InputError');
}

const at = (error: InputError) => {
  const location = error.issues[0]?.location;
  return `${location?.line}:${location?.column}`;
};

test('a stream of two documents is refused at the start of the second', () => {
  const cases: [string, string][] = [
    ['a: 1\n---\nb: 2\n', '2:1'],
    ['---\na: 1\n---\nb: 2\n', '3:1'],
    ['a: 1\n...\nb: 2\n', '3:1'],
    ['a: 1\n--- # an empty second document is a document\n', '2:1'],
  ];
  for (const [text, where] of cases) {
    const error = refusal(text);
    assert.equal(at(error), where, text);
    assert.match(
      error.message,
      /^f\.yaml:\d+:1: YAML: a second YAML document starts here; an input file holds exactly one$/,
    );
  }
  // One document, however it is marked.
  for (const text of ['---\na: 1\n', 'a: 1\n...\n# a comment after the end\n', '%YAML 1.2\n---\na: 1\n', ''])
    parseYaml(text, 'f.yaml', anything);
});

/** Collections opened one inside the other: `[` and `{k: ` in a flow, after a key. */
const opener = fc.constantFrom('[', '{k: ');
const closerOf = (open: string) => (open === '[' ? ']' : '}');

test('nesting beyond the bound is refused at the first collection too deep, in flow and block style', () => {
  fc.assert(
    fc.property(fc.array(opener, { minLength: 1, maxLength: 3 * MAX_YAML_NESTING_LEVELS }), (openers) => {
      const text = `a: ${openers.join('')}${openers.map(closerOf).reverse().join('')}\n`;
      // `a:`'s map is level 1, so the opener at index MAX - 1 is the first one too deep.
      const tooDeep = openers.length >= MAX_YAML_NESTING_LEVELS;
      if (!tooDeep) return void parseYaml(text, 'f.yaml', anything);
      const offset = 3 + openers.slice(0, MAX_YAML_NESTING_LEVELS - 1).join('').length;
      const error = refusal(text);
      assert.equal(at(error), `1:${offset + 1}`);
      assert.match(error.message, /YAML: this collection is nested 65 levels deep; an input file nests at most 64/);
    }),
    { numRuns: 300 },
  );
  const block = Array.from({ length: 100 }, (_, level) => `${' '.repeat(level)}k:`).join('\n');
  assert.equal(at(refusal(block)), '65:65');
  const explicitKeys = '? '.repeat(100);
  assert.equal(at(refusal(`${explicitKeys}a`)), '1:129');
});

test('100,000 levels of nesting get the plain message at once, never a stack overflow', () => {
  for (const open of ['[', '{k: ']) {
    const started = performance.now();
    const error = refusal(`a: ${open.repeat(100_000)}`);
    const elapsedMs = performance.now() - started;
    assert.match(error.message, /nested 65 levels deep/);
    assert.doesNotMatch(error.message, /call stack/);
    // The parser is stopped at the 65th level: a few milliseconds, where parsing it all took a second.
    assert.ok(elapsedMs < 250, `${elapsedMs} ms`);
  }
});

test('an unrecognized key at the end of a 10 MB file is located at its own line', () => {
  const schema = z.object({ name: z.string(), items: z.array(z.object({ value: z.number() }).strict()) }).strict();
  const items = Array.from({ length: 150_000 }, (_, index) => `  - value: ${index} # ${'x'.repeat(50)}`);
  const text = `# a large file\n\nname: big\nitems:\n${items.join('\n')}\n  - value: 1\n    stray: 2\nlast: 3\n`;
  assert.ok(text.length > 10_000_000, `${text.length}`);
  const error = refusal(text, schema);
  const lastLine = text.split('\n').length - 1;
  assert.deepEqual(
    error.issues.map((issue) => `${issue.location?.line}:${issue.location?.column} ${issue.message}`),
    [`${lastLine - 1}:5 items.150000: Unrecognized key: "stray"`, `${lastLine}:1 Unrecognized key: "last"`],
  );
});

test('a repeated key is refused at the repeat, naming the first; 50,000 keys are checked in linear time', () => {
  const error = refusal('a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n');
  assert.equal(error.message, 'f.yaml:5:3: YAML: the key "c" appears twice in this map (first at line 3)');
  assert.equal(at(refusal('{x: 1, y: 2, x: 3}')), '1:14');
  const keys = Array.from({ length: 50_000 }, (_, index) => `k${index}: ${index}`);
  const started = performance.now();
  const many = refusal(`${keys.join('\n')}\nk7: again\n`);
  // The yaml package's own check compares each key with all before it: about a minute for these.
  assert.ok(performance.now() - started < 10_000);
  assert.equal(many.issues[0]?.location?.line, 50_001);
});
