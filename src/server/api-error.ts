/**
 * The one place errors become HTTP responses (DESIGN.md §11, after Hono): every error body is `{ code, message, path }`
 * with a 4xx status for the caller's mistakes, and no stack trace ever leaves the server.
 */
import { BusyError } from '../schema/busy-error.ts';
import { formatInputIssue, InputError, type InputIssue } from '../schema/input-error.ts';

export interface ApiErrorBody {
  /** Stable machine-readable code, e.g. `invalid-input`, `unauthorized`, `rate-limited`. */
  code: string;
  message: string;
  /**
   * Where the problem is: a request field (`query.asOf`, `params.target`, `body.input.scenario`), a file:line:column,
   * or ''.
   */
  path: string;
  /** Every problem when there are several (the first is repeated in code/message/path). */
  issues?: { message: string; path: string }[];
}

/** An error a route raises on purpose, with its status and code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path = '',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Names the request field an input key came from, e.g. `asOf` → `query.asOf`. */
export type FieldPlace = (inputPath: readonly (string | number)[]) => string;

export interface ErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
  /** An unexpected error: the server logs it (with its stack); the client sees only that it happened. */
  unexpected?: Error;
}

/** Fastify's own client errors (body parsing, limits, media types) by their `code`. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-body',
};

export function errorResponse(error: unknown, placeOf: FieldPlace = (path) => path.join('.')): ErrorResponse {
  if (error instanceof ApiError)
    return {
      status: error.status,
      body: { code: error.code, message: error.message, path: error.path },
      headers: error.headers,
    };
  if (error instanceof InputError) return inputErrorResponse(error.issues, placeOf);
  if (error instanceof BusyError)
    return {
      status: 503,
      body: { code: 'busy', message: error.message, path: '' },
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterS))) },
    };
  const framework = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof framework.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const code =
      typeof framework.code === 'string' ? (FRAMEWORK_CODES[framework.code] ?? 'bad-request') : 'bad-request';
    // Syntax errors in a JSON body carry the parser's message, which names the position; keep it, without a stack.
    return {
      status: framework.statusCode,
      body: {
        code,
        message: String(framework.message ?? 'bad request'),
        path: code === 'invalid-body' || code === 'payload-too-large' ? 'body' : '',
      },
      headers: {},
    };
  }
  const unexpected = error instanceof Error ? error : new Error(String(error));
  // A command that fails for a reason of its own (no Chromium for a PDF, a run store that cannot be opened) says
  // why, as the CLI does; the stack stays in the server's log.
  return {
    status: 500,
    body: { code: 'failed', message: unexpected.message.split('\n')[0] ?? 'failed', path: '' },
    headers: {},
    unexpected,
  };
}

function inputErrorResponse(issues: readonly InputIssue[], placeOf: FieldPlace): ErrorResponse {
  const shown = issues.map((issue) => ({
    message: issue.location ? formatInputIssue(issue) : issue.message,
    path: issue.location
      ? `${issue.location.file}:${issue.location.line}` +
        `${issue.location.column === undefined ? '' : `:${issue.location.column}`}`
      : placeOf(issue.path),
  }));
  const first = shown[0] ?? { message: 'invalid input', path: '' };
  return {
    status: 400,
    body: { code: 'invalid-input', ...first, ...(shown.length > 1 ? { issues: shown } : {}) },
    headers: {},
  };
}
