/**
 * A figure is a number or an annotated `{ value, source, …, previously }` (company-figures.ts). When a value inside an
 * annotated figure has the wrong type (NaN, Infinity, text), zod reports a failed union at the figure, which the YAML
 * loader places at the figure's first line. This follows such a union into the option of the value's own shape, so
 * the error names the field and its line, e.g. `fleet.powerPriceUsdPerMwh.previously.value` (issue 19).
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { FIGURE_SHAPES } from './company-figures.ts';
import { InputError, type InputIssue } from './input-error.ts';
import { parseYamlWithPlainValue } from './yaml-document.ts';
import { yamlLocator, type FieldPath } from './yaml-locator.ts';

/**
 * `parseYamlWithPlainValue`, with each failed figure union replaced by the problems inside it, at their own lines.
 */
export function parseFigureYaml<Schema extends z.ZodType>(
  text: string,
  file: string,
  schema: Schema,
): { value: z.output<Schema>; plainValue: unknown } {
  try {
    return parseYamlWithPlainValue(text, file, schema);
  } catch (error) {
    if (!(error instanceof InputError) || !error.issues.some(isFigureUnion)) throw error;
    throw new InputError(
      error.issues.flatMap((issue) => (isFigureUnion(issue) ? inner(issue, text, file, schema) : [issue])),
    );
  }
}

function isFigureUnion(issue: InputIssue): boolean {
  return issue.location !== undefined && issue.message.endsWith(FIGURE_SHAPES);
}

/** The problems inside one failed figure union, located; the union itself when its value fits neither shape. */
function inner(issue: InputIssue, text: string, file: string, schema: z.ZodType): InputIssue[] {
  // The text has passed the loader's YAML checks: this parse is the one it made.
  const data: unknown = parseDocument(text, { schema: 'core', merge: false, customTags: [] }).toJS({
    maxAliasCount: 100,
  });
  const result = schema.safeParse(data);
  const found = result.success ? [] : flatten(result.error.issues, []).filter((i) => startsWith(i.path, issue.path));
  if (found.length === 0 || found.every((i) => i.path.length === issue.path.length)) return [issue];
  const locate = yamlLocator(text, file);
  return found.map((i) => ({ path: i.path, message: `${i.path.join('.')}: ${i.message}`, location: locate(i.path) }));
}

interface PlainIssue {
  path: FieldPath;
  message: string;
}

/** Zod's issues with each union followed into the one option whose shape the value has (if just one has it). */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: FieldPath): PlainIssue[] {
  return issues.flatMap((issue): PlainIssue[] => {
    const path = [...prefix, ...issue.path.filter((key): key is string | number => typeof key !== 'symbol')];
    if (issue.code !== 'invalid_union') return [{ path, message: issue.message }];
    const shaped = issue.errors.filter(
      (option) => !option.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
    );
    return shaped.length === 1 ? flatten(shaped[0] as z.core.$ZodIssue[], path) : [{ path, message: issue.message }];
  });
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.every((key, i) => path[i] === key);
}
