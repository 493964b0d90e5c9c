/**
 * YAML input validated by a zod schema, with every problem located at file:line:column: bad text (src/schema/
 * input-text.ts), a second document or nesting too deep (src/schema/yaml-stream-shape.ts), syntax errors where the
 * parser stops, schema issues at the node they concern (an unrecognized key at the key itself, else the node at the
 * issue's path or its nearest existing parent). Parsed safely: the YAML 1.2 core schema only (no custom tags; an
 * unknown tag is an error), merge keys off, and at most 100 alias expansions.
 */
import {
  Composer,
  isMap,
  isScalar,
  LineCounter,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  visit,
} from 'yaml';
import type { z } from 'zod';
import { checkedInputText } from './input-text.ts';
import { InputError, type InputIssue } from './input-error.ts';
import { yamlSyntaxTree } from './yaml-stream-shape.ts';

/** Repeated keys are found by `duplicateKey` in one pass; the composer's own check is quadratic in a map's keys. */
const COMPOSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  uniqueKeys: false,
  schema: 'core',
  merge: false,
  customTags: [],
};
const TO_JS_OPTIONS = { maxAliasCount: 100 } as const;
/** Problems listed from one file; a file wrong in thousands of places says so in one line after these. */
const MAX_ISSUES_SHOWN = 50;

export function parseYaml<Schema extends z.ZodType>(text: string, file: string, schema: Schema): z.output<Schema> {
  return parseYamlWithPlainValue(text, file, schema).value;
}

/**
 * The validated value, and the plain value the file holds (before the schema's defaults and transforms, as a copy of
 * its own), from one parse.
 */
export function parseYamlWithPlainValue<Schema extends z.ZodType>(
  text: string,
  file: string,
  schema: Schema,
): { value: z.output<Schema>; plainValue: unknown } {
  const { document, at } = composeDocument(checkedInputText(text, file), file);
  let plain: unknown;
  try {
    plain = document.toJS(TO_JS_OPTIONS);
  } catch (error) {
    throw InputError.inFile(at(0), `YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = schema.safeParse(plain);
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue) => issuesAt(document, issue, at));
    if (issues.length <= MAX_ISSUES_SHOWN) throw new InputError(issues);
    const more = { path: [], message: `… and ${issues.length - MAX_ISSUES_SHOWN} more problems in ${file}` };
    throw new InputError([...issues.slice(0, MAX_ISSUES_SHOWN), more]);
  }
  return { value: result.data, plainValue: document.toJS(TO_JS_OPTIONS) };
}

/** file:line:column of a UTF-16 offset in the text. */
type Located = (offset: number) => { file: string; line: number; column: number };

/** The one document of `text`, composed once its shape is checked; any syntax error is thrown located. */
function composeDocument(text: string, file: string): { document: Document.Parsed; at: Located } {
  const lineCounter = new LineCounter();
  const located: Located = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const tree = yamlSyntaxTree(text, lineCounter.addNewLine);
  if ('problem' in tree) throw InputError.inFile(located(tree.problem.offset), `YAML: ${tree.problem.message}`);
  // One document token at most, so the composer yields exactly one document (an empty one for an empty file).
  const [document] = [...new Composer(COMPOSE_OPTIONS).compose(tree.tokens, true, text.length)] as Document.Parsed[];
  if (!document) throw InputError.inFile(located(0), 'YAML: no document');
  const error = document.errors[0] ?? document.warnings[0];
  if (error) throw InputError.inFile(located(error.pos[0]), `YAML: ${error.message.split('\n')[0] ?? 'syntax error'}`);
  const duplicate = duplicateKey(document);
  if (duplicate) {
    const first = located(duplicate.firstOffset);
    throw InputError.inFile(
      located(duplicate.offset),
      `YAML: the key "${duplicate.key}" appears twice in this map (first at line ${first.line})`,
    );
  }
  return { document, at: located };
}

/**
 * The first key repeated in a map, with both offsets. Keys compare as the `yaml` package's uniqueKeys does: scalars by
 * value, other nodes by identity.
 */
function duplicateKey(document: Document.Parsed): { key: string; offset: number; firstOffset: number } | undefined {
  let found: { key: string; offset: number; firstOffset: number } | undefined;
  visit(document, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        const keyNode = pair.key as { range?: [number, number, number] } | null;
        const identity = isScalar(pair.key) ? pair.key.value : pair.key;
        const offset = keyNode?.range?.[0] ?? 0;
        const firstOffset = seen.get(identity);
        if (firstOffset !== undefined) {
          found = { key: isScalar(pair.key) ? String(identity) : '(a collection)', offset, firstOffset };
          return visit.BREAK;
        }
        seen.set(identity, offset);
      }
      return undefined;
    },
  });
  return found;
}

/** A zod issue as input issues: one per unrecognized key, at the key; any other at its node. */
function issuesAt(document: Document.Parsed, issue: z.core.$ZodIssue, at: Located): InputIssue[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const prefix = path.length > 0 ? `${path.join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const parent = document.getIn(path, true);
    // Indexed once, so a map with many unknown keys is located in one pass.
    const keyOffsets = new Map<string, number>();
    if (isMap(parent))
      for (const pair of parent.items)
        if (isScalar(pair.key) && pair.key.range) keyOffsets.set(String(pair.key.value), pair.key.range[0]);
    return issue.keys.map((key) => ({
      path,
      message: `${prefix}Unrecognized key: "${key}"`,
      location: at(keyOffsets.get(key) ?? offsetOf(document, path)),
    }));
  }
  return [{ path, message: `${prefix}${issue.message}`, location: at(offsetOf(document, path)) }];
}

/** Start offset of the node at `path`, or of the deepest existing parent. */
function offsetOf(document: Document.Parsed, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return document.contents?.range[0] ?? 0;
}
