/**
 * Rules checked after a YAML file's schema — across fields, or against other inputs (the coverage, the clock) — name
 * every place they involve at file:line:column (issue 19): the field at fault and the ones it contradicts.
 */
import { isCollection, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type FileLocation, type InputIssue } from './input-error.ts';

export type FieldPath = readonly (string | number)[];

/** A problem found by a rule, with the other fields it involves. */
export interface RuleIssue {
  path: FieldPath;
  message: string;
  related?: readonly { what: string; path: FieldPath }[];
}

/** The file:line:column of a field path in a YAML text (of its nearest existing parent when it is absent). */
export function yamlLocator(text: string, file: string): (path: FieldPath) => FileLocation {
  const lineCounter = new LineCounter();
  // Parsed as yaml-document.ts does; the text has passed it already, so this parse succeeds.
  const document = parseDocument(text, { lineCounter, schema: 'core', merge: false, customTags: [] });
  return (path) => {
    const { line, col } = lineCounter.linePos(offsetOf(document, path));
    return { file, line, column: col };
  };
}

/** Throws one InputError locating every issue and its related fields in the file; nothing when there is none. */
export function throwRuleIssues(text: string, file: string, issues: readonly RuleIssue[]): void {
  if (issues.length === 0) return;
  const locate = yamlLocator(text, file);
  throw new InputError(
    issues.map((issue): InputIssue => ({
      path: issue.path,
      message: `${issue.path.join('.')}: ${issue.message}`,
      location: locate(issue.path),
      ...(issue.related && { related: issue.related.map((r) => ({ what: r.what, location: locate(r.path) })) }),
    })),
  );
}

function offsetOf(document: Document, path: FieldPath): number {
  for (let depth = path.length; depth > 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return isCollection(document.contents) && document.contents.range ? document.contents.range[0] : 0;
}
