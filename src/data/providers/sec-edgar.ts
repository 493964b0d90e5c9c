/**
 * The SEC's EDGAR APIs on data.sec.gov (https://www.sec.gov/edgar/sec-api-documentation): a company's XBRL facts
 * and its submissions index (shapes in src/schema/sec-answers.ts). Fair access
 * (https://www.sec.gov/os/accessing-edgar-data):
 * every request declares who sends it in its User-Agent, a description and a contact the user configures
 * (RERATE_SEC_USER_AGENT, e.g. "Jane Analyst jane@example.com"; rerate refuses to call without it), and at most
 * 10 requests a second (request-rate-limiter.ts, retries included). Every connection goes through the address
 * policy of a public provider (RERATE_SEC_URL replaces the host, for a mirror or a test server); answers are
 * size-capped, timed out and validated, and a CIK other than the one asked for is refused.
 */
import type { SecFilingsSource } from '../../app/ports/filings.ts';
import { InputError } from '../../schema/input-error.ts';
import { printable } from '../../present/printable-text.ts';
import { companyFactsSchema, submissionsSchema } from '../../schema/sec-answers.ts';
import type { z } from 'zod';
import { publicProviderPolicy } from '../http/address-policy.ts';
import type { HostResolver } from '../http/guarded-agent.ts';
import { ProviderError } from '../http/provider-error.ts';
import { requestRateLimiter } from '../http/request-rate-limiter.ts';
import { jsonClient, SYSTEM_TIMING, type ClientTiming, type RetryPolicy } from '../http/resilient-client.ts';

export const DEFAULT_SEC_URL = 'https://data.sec.gov';
export const SEC_USER_AGENT_VARIABLE = 'RERATE_SEC_USER_AGENT';
export const SEC_URL_VARIABLE = 'RERATE_SEC_URL';
/** The SEC's published ceiling. */
export const SEC_REQUESTS_PER_SECOND = 10;
/** Company facts of a large filer run to tens of MB; a miner's to a few. */
export const SEC_MAX_BODY_BYTES = 48 * 1024 * 1024;
const PROVIDER = 'sec';

export interface SecEdgarOptions {
  baseUrl?: string;
  userAgent: string;
  timeoutMs?: number;
  maxBodyBytes?: number;
  timing?: ClientTiming;
  resolver?: HostResolver;
  retry?: Partial<RetryPolicy>;
}

/** A User-Agent the SEC accepts: printable, with a contact e-mail; an InputError naming the variable otherwise. */
export function checkedUserAgent(value: string | undefined): string {
  const example = 'e.g. RERATE_SEC_USER_AGENT="Jane Analyst jane@example.com"';
  if (value === undefined || value.trim() === '')
    throw InputError.at(
      [SEC_USER_AGENT_VARIABLE],
      `the SEC asks every client to say who it is: set a description and a contact e-mail (${example}); ` +
        'rerate does not call the SEC without it',
    );
  // Not echoed back: it is the user's contact.
  if (!/^[\x20-\x7e]{1,200}$/.test(value) || !/\S+@\S+\.\S+/.test(value))
    throw InputError.at([SEC_USER_AGENT_VARIABLE], `expected printable text with a contact e-mail, ${example}`);
  return value.trim();
}

export function secEdgarSource(options: SecEdgarOptions): SecFilingsSource {
  const timing = options.timing ?? SYSTEM_TIMING;
  const limiter = requestRateLimiter(SEC_REQUESTS_PER_SECOND, timing);
  const client = jsonClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? DEFAULT_SEC_URL,
    headers: { 'user-agent': checkedUserAgent(options.userAgent) },
    maxBodyBytes: options.maxBodyBytes ?? SEC_MAX_BODY_BYTES,
    addressPolicy: publicProviderPolicy(SEC_URL_VARIABLE),
    beforeAttempt: () => limiter.acquire(),
    timing,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.resolver ? { resolver: options.resolver } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const get = async <Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    cik: string,
  ): Promise<z.output<Schema>> => {
    if (!/^\d{10}$/.test(cik)) throw InputError.at(['cik'], 'a CIK of ten digits');
    const answer = await client.getJson(path);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // The path holds the answer's own keys: printable only (issue 19).
      const where = printable(issue.path.join('.'), 200);
      throw new ProviderError(PROVIDER, 'invalid-response', `${path}: ${where}: ${issue.message}`);
    }
    const answered = Number((parsed.data as { cik: string | number }).cik);
    if (answered !== Number(cik))
      throw new ProviderError(PROVIDER, 'invalid-response', `${path}: answered for CIK ${answered}, not ${cik}`);
    return parsed.data;
  };
  return {
    endpoint: client.endpoint,
    companyFacts: (cik) => get(`/api/xbrl/companyfacts/CIK${cik}.json`, companyFactsSchema, cik),
    submissions: (cik) => get(`/submissions/CIK${cik}.json`, submissionsSchema, cik),
  };
}

/** The SEC source the environment configures; the User-Agent is checked when it is built (on first use). */
export function secSourceFromEnv(
  env: Record<string, string | undefined>,
  connection: { timing?: ClientTiming; resolver?: HostResolver } = {},
): SecFilingsSource {
  const url = env[SEC_URL_VARIABLE];
  if (url !== undefined && url !== '' && (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)))
    throw InputError.at([SEC_URL_VARIABLE], 'expected an http(s) URL');
  const timeoutText = env['RERATE_LIVE_TIMEOUT_MS'];
  const timeoutMs = timeoutText === undefined || timeoutText === '' ? undefined : Number(timeoutText);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw InputError.at(['RERATE_LIVE_TIMEOUT_MS'], 'expected a positive whole number of milliseconds');
  return secEdgarSource({
    userAgent: checkedUserAgent(env[SEC_USER_AGENT_VARIABLE]),
    ...(url ? { baseUrl: url } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...connection,
  });
}
