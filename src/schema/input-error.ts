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

export interface InputIssue {
  /** Field path, e.g. ['asOf'] or ['sites', 2, 'grossMw']. Empty for a whole-input problem. */
  path: readonly (string | number)[];
  message: string;
  location?: FileLocation;
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
  if (issue.location) {
    const { file, line, column } = issue.location;
    return `${file}:${line}${column === undefined ? '' : `:${column}`}: ${issue.message}`;
  }
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
