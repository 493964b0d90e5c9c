/**
 * The dashboard's frame: a skip link, the navigation, the page for the route in <main>, and the token form when the
 * API asks for one. On a route change focus moves to the new page's heading and the document title follows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { NavBar } from './components/nav-bar.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { TokenForm } from './components/token-form.tsx';
import { framingOf } from './framing.ts';
import { CompanyPage } from './pages/company-page.tsx';
import { CoveragePage } from './pages/coverage-page.tsx';
import { CompsPage } from './pages/comps-page.tsx';
import { NetworkPage } from './pages/network-page.tsx';
import { RevisionsPage } from './pages/revisions-page.tsx';
import { hrefOf, type HashLocation, useHashLocation } from './router.ts';
import { onUnauthorized, readToken } from './token-store.ts';

function titleOf({ route }: HashLocation): string {
  switch (route.page) {
    case 'coverage':
      return 'Coverage';
    case 'comps':
      return 'Comps';
    case 'company':
      return route.ticker;
    case 'network':
      return 'Network';
    case 'revisions':
      return 'Revisions';
    case 'not-found':
      return 'Not found';
  }
}

function Page({ location }: { location: HashLocation }) {
  const { route, params } = location;
  const framing = framingOf(params);
  switch (route.page) {
    case 'coverage':
      return <CoveragePage route={route} framing={framing} />;
    case 'comps':
      return <CompsPage route={route} framing={framing} />;
    case 'company':
      return <CompanyPage route={route} ticker={route.ticker} framing={framing} />;
    case 'network':
      return <NetworkPage route={route} framing={framing} params={params} />;
    case 'revisions':
      return <RevisionsPage route={route} framing={framing} params={params} />;
    case 'not-found':
      return (
        <>
          <PageHeading>Page not found</PageHeading>
          <p>
            There is no page at <code>#/{route.path}</code>.{' '}
            <a href={hrefOf({ page: 'coverage' })}>Go to the coverage</a>.
          </p>
        </>
      );
  }
}

export function App() {
  const location = useHashLocation();
  const [needsToken, setNeedsToken] = useState(false);
  // Bumped when a token is entered or forgotten: the page remounts and asks the API again.
  const [authEpoch, setAuthEpoch] = useState(0);
  const main = useRef<HTMLElement>(null);
  useEffect(() => onUnauthorized(() => setNeedsToken(true)), []);

  const pageKey = `${location.route.page}:${location.route.page === 'company' ? location.route.ticker : ''}`;
  // A new framing starts the page afresh (the company's controls start again from the new base values).
  const framing = framingOf(location.params);
  const framingKey = `${framing.asOf ?? ''}|${framing.scenario ?? ''}|${framing.methodology ?? ''}`;
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${titleOf(location)} — rerate`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pageKey, needsToken]);

  const skipToMain = (event: Event) => {
    event.preventDefault(); // a plain #main link would be taken for a route
    main.current?.focus();
  };

  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to the content
      </a>
      <header class="site-header">
        <NavBar
          route={location.route}
          params={location.params}
          onForgetToken={() => setAuthEpoch((epoch) => epoch + 1)}
        />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {needsToken ? (
          <TokenForm
            refused={readToken() !== undefined}
            onSaved={() => {
              setNeedsToken(false);
              setAuthEpoch((epoch) => epoch + 1);
            }}
          />
        ) : (
          <Page key={`${authEpoch}|${pageKey}|${framingKey}`} location={location} />
        )}
      </main>
    </>
  );
}
