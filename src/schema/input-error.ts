/**
 * The one error type for bad input: a flag, an API body field, or a line of a data file. It names where the
 * problem is (a field path, or file:line:column) so every surface can point the user at it; the CLI maps it to
 * exit code 2 and the API to HTTP 400.
 */

export interface FileLocation {
  file: string;
  /** 1-based line number. */
  line: number;
  /** 1-based column (character) number, when known. */
  column?: number;
}

/** A second place a problem involves: the declaration a reference misses, the figure a rule compares with. */
export interface RelatedLocation {
  /** What is there, e.g. `sites` or `the file's asOf`. */
  what: string;
  location: FileLocation;
}

export interface InputIssue {
  /** Field path, e.g. ['asOf'] or ['sites', 2, 'grossMw']. Empty for a whole-input problem. */
  path: readonly (string | number)[];
  message: string;
  location?: FileLocation;
  /** Cross-field rules name the other places involved too (issue 19). */
  related?: readonly RelatedLocation[];
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatInputIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }

  static at(path: readonly (string | number)[], message: string): InputError {
    return new InputError([{ path, message }]);
  }

  static inFile(location: FileLocation, message: string): InputError {
    return new InputError([{ path: [], message, location }]);
  }
}

export function formatInputIssue(issue: InputIssue): string {
  const related = (issue.related ?? []).map((r) => ` (${r.what} at ${formatLocation(r.location)})`).join('');
  if (issue.location) return `${formatLocation(issue.location)}: ${issue.message}${related}`;
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}${related}`;
}

/** `file:line:column`, or `file:line` when the column is not known. */
export function formatLocation({ file, line, column }: FileLocation): string {
  return `${file}:${line}${column === undefined ? '' : `:${column}`}`;
}
