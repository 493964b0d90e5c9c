/**
 * One HTTP exchange over node:http/https: a deadline for the whole exchange, a cap on the body size, redirects
 * never followed (a 3xx comes back as a status), and a connection only through the client's guarded agents, so only
 * to addresses its policy allows (checked on the address actually connected to, so DNS cannot swap it afterwards).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressRefusedError, type GuardedAgents } from './guarded-agent.ts';

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** The client's connections: every exchange goes through them, there is no unguarded one. */
  agents: GuardedAgents;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why an exchange failed before an answer: the resilient client decides whether to retry. */
export class HttpExchangeError extends Error {
  readonly kind: 'timeout' | 'network' | 'address-not-allowed' | 'too-large';
  constructor(kind: HttpExchangeError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export function exchange(request: HttpExchange): Promise<HttpAnswer> {
  const { url } = request;
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: request.method,
      headers:
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      agent: request.agents.agentFor(url),
    });
    const timer = setTimeout(
      () => req.destroy(new HttpExchangeError('timeout', `no complete answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (error instanceof HttpExchangeError) reject(error);
      else if (error instanceof AddressRefusedError)
        reject(new HttpExchangeError('address-not-allowed', error.message));
      else reject(new HttpExchangeError('network', error.message));
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (tooLarge || size <= request.maxBodyBytes) {
          if (!tooLarge) chunks.push(chunk);
          return;
        }
        // Failed here, not through the request's 'error' event: when the whole answer came in one read, the
        // response has ended and a destroy's error would escape as an uncaught exception while the cut body was
        // resolved as the answer.
        tooLarge = true;
        fail(new HttpExchangeError('too-large', `the answer exceeds ${request.maxBodyBytes} bytes`));
        req.destroy();
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        if (tooLarge) return;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(request.body);
  });
}
