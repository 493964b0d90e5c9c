/**
 * The top navigation: the pages, the current one marked with aria-current (a company page is reached from the
 * coverage table, so none is current there); the page's framing carried along.
 */
import { hrefOf, type Route } from '../router.ts';
import { forgetToken, readToken } from '../token-store.ts';

const PAGES: { page: 'coverage' | 'comps' | 'network' | 'revisions'; label: string }[] = [
  { page: 'coverage', label: 'Coverage' },
  { page: 'comps', label: 'Comps' },
  { page: 'network', label: 'Network' },
  { page: 'revisions', label: 'Revisions' },
];

export function NavBar({
  route,
  params,
  onForgetToken,
}: {
  route: Route;
  params: URLSearchParams;
  onForgetToken: () => void;
}) {
  return (
    <nav class="nav" aria-label="Pages">
      <a class="brand" href={hrefOf({ page: 'coverage' }, params)}>
        rerate
      </a>
      <ul>
        {PAGES.map(({ page, label }) => (
          <li key={page}>
            <a href={hrefOf({ page }, params)} aria-current={route.page === page ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      {readToken() !== undefined ? (
        <button
          type="button"
          class="link-button"
          onClick={() => {
            forgetToken();
            onForgetToken();
          }}
        >
          Forget the API token
        </button>
      ) : null}
    </nav>
  );
}
