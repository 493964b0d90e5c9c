/**
 * The dashboard's only way to the engine: `GET /api/v1/<command words>/<positional>?<option>=<text>` answers the
 * command's result envelope, exactly as `rerate <command> --json` prints it. Errors come back as ApiError with the
 * API's `code`, `message` and `path`.
 */
import type { ApiProblem, ResultEnvelope } from './api-types.ts';
import { fetchRetryingWhenBusy } from './busy-retry.ts';
import { notifyUnauthorized, readToken } from './token-store.ts';

const API_BASE = '/api/v1/';

/** Query values as the CLI would take them: text, decimal numbers, `true`/`false`; undefined or '' are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** The part of the request at fault, e.g. `query.asOf`. */
    readonly path: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `value/CIFR` from `['value', 'CIFR']`, each segment escaped. */
export function apiPath(...segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return `${API_BASE}${path}${text === '' ? '' : `?${text}`}`;
}

function headersWith(extra: Record<string, string>): Headers {
  const headers = new Headers({ Accept: 'application/json', ...extra });
  const token = readToken();
  if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Partial<ApiProblem> = {};
  try {
    problem = (await response.json()) as Partial<ApiProblem>;
  } catch {
    // not JSON: the status line says enough
  }
  if (response.status === 401) notifyUnauthorized();
  return new ApiError(
    response.status,
    problem.code ?? `http-${response.status}`,
    problem.message ?? `${response.status} ${response.statusText}`,
    problem.path,
  );
}

/** Any failure as an ApiError (a fetch that never reached the server included); AbortError passes through. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'unreachable', `The rerate server could not be reached (${message}).`, undefined);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetchRetryingWhenBusy(url, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw asApiError(error);
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

/** A command's result envelope from its URL (apiUrl). */
export async function getEnvelope<Results>(url: string, signal?: AbortSignal): Promise<ResultEnvelope<Results>> {
  const init: RequestInit = { headers: headersWith({}) };
  if (signal !== undefined) init.signal = signal;
  return (await (await send(url, init)).json()) as ResultEnvelope<Results>;
}

export async function postJson<Answer>(path: string, body: unknown): Promise<Answer> {
  const response = await send(apiUrl(path), {
    method: 'POST',
    headers: headersWith({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  return (await response.json()) as Answer;
}

/** A file the API sends as an attachment, with the name from its Content-Disposition. */
export async function getFile(url: string, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  const response = await send(url, { headers: headersWith({ Accept: '*/*' }) });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  return {
    blob: await response.blob(),
    filename: filename === undefined ? fallbackName : decodeURIComponent(filename),
  };
}
