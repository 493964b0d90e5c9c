/**
 * A local HTTP server on 127.0.0.1 that replays recorded responses, for provider tests: no test reaches the
 * internet. A route is matched by method and path (query included when the route's key has one; for JSON-RPC POSTs
 * by a key the test derives from the body). A route may answer with a sequence (e.g. 500, 500, then 200), the last
 * answer repeating; `delayMs` holds the answer back to provoke timeouts. Every request is logged for assertions.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (so malformed JSON can be replayed); anything else as JSON. */
  body?: unknown;
  delayMs?: number;
}

export interface LoggedRequest {
  method: string;
  /** Path with query, e.g. `/api/v1/prices?currency=USD`. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: LoggedRequest[];
  /** Replaces or adds a route while the server runs. */
  route(key: string, answers: RecordedAnswer | RecordedAnswer[]): void;
  close(): Promise<void>;
}

export interface FakeServerOptions {
  /** `"GET /path"` or `"GET /path?query"` (exact) → answers. */
  routes: Record<string, RecordedAnswer | RecordedAnswer[]>;
  /** Derives the route key of a request from its body (JSON-RPC): return undefined to use `METHOD path`. */
  keyOf?: (request: LoggedRequest) => string | undefined;
  /** Answers a request no route matches (default: 404 with a JSON body naming the request). */
  fallback?: (request: LoggedRequest) => RecordedAnswer;
}

export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const routes = new Map<string, RecordedAnswer[]>();
  const served = new Map<string, number>();
  const route = (key: string, answers: RecordedAnswer | RecordedAnswer[]) => {
    routes.set(key, Array.isArray(answers) ? answers : [answers]);
    served.set(key, 0);
  };
  for (const [key, answers] of Object.entries(options.routes)) route(key, answers);
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const logged: LoggedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(logged);
      const path = logged.url.split('?')[0] as string;
      const key =
        options.keyOf?.(logged) ??
        (routes.has(`${logged.method} ${logged.url}`) ? `${logged.method} ${logged.url}` : `${logged.method} ${path}`);
      const answers = routes.get(key);
      let answer: RecordedAnswer;
      if (answers) {
        const index = served.get(key) as number;
        served.set(key, index + 1);
        answer = answers[Math.min(index, answers.length - 1)] as RecordedAnswer;
      } else {
        answer = options.fallback?.(logged) ?? { status: 404, body: { error: `no recorded response for ${key}` } };
      }
      const send = () => {
        if (res.destroyed) return;
        const body =
          typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
