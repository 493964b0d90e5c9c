/**
 * Hash routes (the server serves one page): `#/` coverage, `#/comps`, `#/company/CIFR`, `#/network`, `#/revisions`,
 * each with an optional query for the framing shared by the pages, e.g. `#/company/CIFR?scenario=bear&asOf=2025-12-31`.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'coverage' }
  | { page: 'comps' }
  | { page: 'company'; ticker: string }
  | { page: 'network' }
  | { page: 'revisions' }
  | { page: 'not-found'; path: string };

export interface HashLocation {
  route: Route;
  params: URLSearchParams;
}

export function parseHash(hash: string): HashLocation {
  const text = hash.replace(/^#/, '');
  const mark = text.indexOf('?');
  const path = mark < 0 ? text : text.slice(0, mark);
  const query = mark < 0 ? '' : text.slice(mark + 1);
  const segments = path.split('/').filter((segment) => segment !== '');
  const params = new URLSearchParams(query);
  const [first, second] = segments;
  if (first === undefined) return { route: { page: 'coverage' }, params };
  if (first === 'company' && second !== undefined && segments.length === 2)
    return { route: { page: 'company', ticker: decodeURIComponent(second).toUpperCase() }, params };
  if (first === 'comps' && segments.length === 1) return { route: { page: 'comps' }, params };
  if (first === 'network' && segments.length === 1) return { route: { page: 'network' }, params };
  if (first === 'revisions' && segments.length === 1) return { route: { page: 'revisions' }, params };
  return { route: { page: 'not-found', path }, params };
}

function pathOf(route: Route): string {
  switch (route.page) {
    case 'coverage':
      return '/';
    case 'comps':
      return '/comps';
    case 'company':
      return `/company/${encodeURIComponent(route.ticker)}`;
    case 'network':
      return '/network';
    case 'revisions':
      return '/revisions';
    case 'not-found':
      return `/${route.path}`;
  }
}

/** The href of a route, keeping the given query (empty values dropped). */
export function hrefOf(
  route: Route,
  params: Readonly<Record<string, string | undefined>> | URLSearchParams = {},
): string {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return `#${pathOf(route)}${text === '' ? '' : `?${text}`}`;
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

/** The current route, following hash changes. */
export function useHashLocation(): HashLocation {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const follow = () => setHash(window.location.hash);
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return parseHash(hash);
}
