/**
 * YAML input validated by a zod schema, with every problem located at file:line:column: bad text (src/schema/
 * input-text.ts), syntax errors where the parser stops, schema issues at the node they concern (or its nearest
 * existing parent). Parsed safely: the YAML 1.2 core schema only (no custom tags; an unknown tag is an error), merge
 * keys off, and at most 100 alias expansions.
 */
import { isCollection, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { checkedInputText } from './input-text.ts';
import { InputError, type InputIssue } from './input-error.ts';

export function parseYaml<Schema extends z.ZodType>(source: string, file: string, schema: Schema): z.output<Schema> {
  const text = checkedInputText(source, file);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    merge: false,
    customTags: [],
  });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    const error = problems[0];
    const position = error?.linePos?.[0] ?? (error ? lineCounter.linePos(error.pos[0]) : { line: 1, col: 1 });
    throw InputError.inFile(
      { file, line: position.line, column: position.col },
      `YAML: ${error?.message.split('\n')[0] ?? 'syntax error'}`,
    );
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw InputError.inFile(
      { file, line: 1, column: 1 },
      `YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue): InputIssue => {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const offset = offsetOf(document, path);
      const { line, col } = lineCounter.linePos(offset);
      return {
        path,
        message: `${path.length > 0 ? `${path.join('.')}: ` : ''}${issue.message}`,
        location: { file, line, column: col },
      };
    }),
  );
}

/** Start offset of the node at `path`, or of the deepest existing parent. */
function offsetOf(document: Document, path: readonly (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
    if (depth === 0 && isCollection(document.contents) && document.contents.range) return document.contents.range[0];
  }
  return 0;
}
