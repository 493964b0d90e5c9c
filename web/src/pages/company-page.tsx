/**
 * One company: the headline (rating, target, price, upside); five controls — BTC price, network growth, deal
 * probability, HPC $/MW, HODL premium — that revalue it through `GET /api/v1/value/<T>?set=…` as they move,
 * repainting the headline, the sum-of-the-parts bridge (chart and table); as of a date later than the company
 * file's, the figures older than it; the SEC filings stored beside the file's figures; quarterly estimates; the
 * sensitivity heatmap; the tornado; ERCOT policy exposure; links to the research note.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { sensitivityHeatmap, sotpBridgeChart } from '../../../src/present/note-charts.ts';
import { apiPath } from '../api-client.ts';
import type {
  EstimatesResult,
  FilingsResults,
  PolicyResult,
  ResultWarning,
  SensitivityResult,
  TornadoResult,
  ValuationInputName,
  ValueResult,
} from '../api-types.ts';
import { AwaitEnvelope, Loading } from '../components/await-envelope.tsx';
import { BridgeTable } from '../components/bridge-table.tsx';
import { ChartFigure } from '../components/chart-figure.tsx';
import { ControlSlider } from '../components/control-slider.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { EstimatesTable } from '../components/estimates-table.tsx';
import { FilingsPanel } from '../components/filings-panel.tsx';
import { FramingControls } from '../components/framing-controls.tsx';
import { NoteLinks } from '../components/note-links.tsx';
import { OlderFiguresTable } from '../components/older-figures-table.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { PolicyExposure } from '../components/policy-exposure.tsx';
import { Provenance, type Source } from '../components/provenance.tsx';
import { TornadoTable } from '../components/tornado-table.tsx';
import { ValuationHeadline } from '../components/valuation-headline.tsx';
import { WarningsList } from '../components/warnings-list.tsx';
import { formatNumber } from '../display-format.ts';
import { type Framing, framingParams, marketQuery, valuationQuery } from '../framing.ts';
import { hrefOf, type Route } from '../router.ts';
import { sensitivityAxesAround } from '../../../src/present/note-charts.ts';
import { useApi } from '../use-api.ts';
import { useLiveValue } from '../use-live-value.ts';
import { setOption, shownValue, VALUATION_CONTROLS } from '../valuation-controls.ts';

const VALUE_WARNINGS_ID = 'value-warnings';

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** The bridge chart and table of the latest valuation. */
function SumOfTheParts({ value, warnings }: { value: ValueResult; warnings: readonly ResultWarning[] }) {
  const chart = useMemo(() => sotpBridgeChart(value), [value]);
  return (
    <>
      <ChartFigure
        spec={chart}
        caption={
          `From the parts to the ${value.targetDate} target, per diluted share; ` + 'the blue line is the share price.'
        }
      />
      {value.inputsSet.length > 0 ? (
        <p class="inputs-set" data-field="inputsSet">
          Inputs set by hand:{' '}
          {value.inputsSet
            .map(
              (setting) =>
                `${setting.input} = ` +
                `${formatNumber(setting.value, Math.abs(setting.value) < 10 ? 4 : 0)} ${setting.unit}`,
            )
            .join('; ')}
          .
        </p>
      ) : null}
      <BridgeTable value={value} warnings={warnings} warningsId={VALUE_WARNINGS_ID} />
      <WarningsList id={VALUE_WARNINGS_ID} title="Warnings on this valuation" warnings={warnings} />
    </>
  );
}

export function CompanyPage({ route, ticker, framing }: { route: Route; ticker: string; framing: Framing }) {
  const valuation = valuationQuery(framing);
  const tornado = useApi<TornadoResult>(apiPath('tornado', ticker), valuation);
  const tornadoResults = tornado.status === 'ok' ? tornado.envelope.results : undefined;
  const bases = useMemo(
    () =>
      new Map<ValuationInputName, number>(
        (tornadoResults?.bars ?? []).map((bar) => [bar.input as ValuationInputName, bar.base]),
      ),
    [tornadoResults],
  );
  // Controls moved away from their base, in the shown unit; empty: every control at its base.
  const [moved, setMoved] = useState<ReadonlyMap<ValuationInputName, number>>(new Map());
  const set = setOption(moved, bases);
  const live = useLiveValue(ticker, valuation, set);

  const btcBase = bases.get('btc-price');
  const growthBase = bases.get('network-growth');
  const axes =
    btcBase !== undefined && growthBase !== undefined ? sensitivityAxesAround(btcBase, growthBase) : undefined;
  const sensitivity = useApi<SensitivityResult>(axes === undefined ? undefined : apiPath('sensitivity', ticker), {
    ...valuation,
    x: axes?.x,
    y: axes?.y,
  });
  const estimates = useApi<EstimatesResult>(apiPath('estimates', ticker), marketQuery(framing));
  const policy = useApi<PolicyResult>(apiPath('policy', 'ercot'), valuation);
  // The filings as of the day the valuation is made (with no as-of chosen, the API's default: the last day of data,
  // not the filings command's default, today), so "Valuation uses" is what this page's valuation used.
  const valuedAsOf =
    framing.asOf ?? live.envelope?.results.asOf ?? (tornado.status === 'ok' ? tornado.envelope.asOf : undefined);
  const filings = useApi<FilingsResults>(valuedAsOf === undefined ? undefined : apiPath('filings', 'show', ticker), {
    asOf: valuedAsOf,
  });

  const value = live.envelope?.results;
  const sharePrice = value?.company.sharePriceUsd;
  const heatmap = useMemo(
    () => (sensitivity.status === 'ok' ? sensitivityHeatmap(sensitivity.envelope.results, sharePrice) : undefined),
    [sensitivity, sharePrice],
  );

  const sources: Source[] = [];
  if (live.envelope)
    sources.push({
      command: `value ${ticker}${live.shownSet === undefined ? '' : ` --set ${live.shownSet}`}`,
      envelope: live.envelope,
    });
  if (tornado.status === 'ok') sources.push({ command: `tornado ${ticker}`, envelope: tornado.envelope });
  if (estimates.status === 'ok') sources.push({ command: `estimates ${ticker}`, envelope: estimates.envelope });
  if (sensitivity.status === 'ok' && axes)
    sources.push({ command: `sensitivity ${ticker} --x ${axes.x} --y ${axes.y}`, envelope: sensitivity.envelope });
  if (policy.status === 'ok') sources.push({ command: 'policy ercot', envelope: policy.envelope });
  if (filings.status === 'ok')
    sources.push({ command: `filings show ${ticker} --as-of ${filings.envelope.asOf}`, envelope: filings.envelope });

  // The sections below the bridge do not change as the controls move: built once per answer, so a control change
  // repaints only the headline, the controls and the bridge (Preact skips an element it has already rendered).
  const sections = useMemo(
    () => (
      <>
        <Section id="filings" title="Filings">
          <AwaitEnvelope loaded={filings} what={`the filings of ${ticker}`}>
            {(envelope) => (
              <>
                <FilingsPanel results={envelope.results} />
                <WarningsList id="filings-warnings" title="Warnings on the filings" warnings={envelope.warnings} />
              </>
            )}
          </AwaitEnvelope>
        </Section>

        <Section id="estimates" title="Quarterly estimates">
          <AwaitEnvelope loaded={estimates} what={`the estimates of ${ticker}`}>
            {(envelope) => (
              <>
                <EstimatesTable
                  periods={envelope.results.companies[0]?.periods ?? []}
                  caption={
                    `Estimates by calendar quarter, scenario ${envelope.results.scenario.name}, ` +
                    `as of ${envelope.results.asOf} (USD)`
                  }
                />
                <WarningsList id="estimates-warnings" title="Warnings on the estimates" warnings={envelope.warnings} />
              </>
            )}
          </AwaitEnvelope>
        </Section>

        <Section id="sensitivity" title="Sensitivity">
          {tornado.status === 'ok' && axes === undefined ? (
            <p>
              The grid is centred on the base BTC price and network growth, and rerate tornado reports no base for one
              of them under this scenario (a hashrate path given as points has no growth rate).
            </p>
          ) : null}
          {axes ? (
            <AwaitEnvelope loaded={sensitivity} what="the sensitivity grid (63 valuations)">
              {(envelope) => (
                <>
                  {heatmap ? (
                    <ChartFigure
                      spec={heatmap}
                      caption={
                        'Price target over the BTC price and the network hashrate growth, ' +
                        'centred on the base case (marked), ' +
                        'the other inputs at their base (not the controls above); ' +
                        'coloured against the share price.'
                      }
                    />
                  ) : null}
                  <WarningsList id="sensitivity-warnings" title="Warnings on the grid" warnings={envelope.warnings} />
                </>
              )}
            </AwaitEnvelope>
          ) : null}
        </Section>

        <Section id="tornado" title="What moves the target">
          <AwaitEnvelope loaded={tornado} what="the tornado">
            {(envelope) => <TornadoTable tornado={envelope.results} />}
          </AwaitEnvelope>
        </Section>

        <Section id="policy" title={'Power policy: ERCOT "use it or lose it"'}>
          <AwaitEnvelope loaded={policy} what="the ERCOT exposure">
            {(envelope) => <PolicyExposure policy={envelope.results} ticker={ticker} />}
          </AwaitEnvelope>
        </Section>

        <Section id="note" title="Research note">
          <NoteLinks framing={framing} />
        </Section>
      </>
    ),
    [filings, estimates, sensitivity, heatmap, tornado, axes?.x, axes?.y, policy, ticker, framing],
  );
  const inUse = value
    ? { asOf: value.asOf, scenario: value.scenario.name, methodology: value.methodology.name }
    : undefined;
  return (
    <>
      <p class="breadcrumb">
        <a href={hrefOf({ page: 'coverage' }, framingParams(framing))}>Coverage</a> › {ticker}
      </p>
      <PageHeading>{value ? `${value.company.name} (${ticker})` : ticker}</PageHeading>
      <FramingControls route={route} framing={framing} inUse={inUse} fields={['asOf', 'scenario', 'methodology']} />

      <div class="company-grid">
        <section class="panel headline-panel" aria-labelledby="headline-title">
          <h2 id="headline-title" class="visually-hidden">
            Rating and target
          </h2>
          {value ? (
            <ValuationHeadline value={value} baseTargetUsd={tornadoResults?.baseTargetUsd} pending={live.pending} />
          ) : live.error ? null : (
            <Loading what={`the valuation of ${ticker}`} />
          )}
          {live.error ? <ErrorAlert error={live.error} context="Valuing with these inputs" /> : null}
        </section>

        <section class="panel controls-panel" aria-labelledby="controls-title">
          <h2 id="controls-title">What if</h2>
          <p class="hint">
            Each control starts at the company's base (from rerate tornado); moving one revalues the company.
          </p>
          {tornado.status === 'error' ? (
            <ErrorAlert error={tornado.error} context="Loading the base inputs (rerate tornado)" />
          ) : null}
          {tornado.status === 'loading' ? <Loading what="the base inputs" /> : null}
          {VALUATION_CONTROLS.map((control) => {
            const base = bases.get(control.input);
            return (
              <ControlSlider
                key={control.input}
                control={control}
                baseApiValue={base}
                value={moved.get(control.input) ?? (base === undefined ? undefined : shownValue(control, base))}
                onChange={(shown) => setMoved((current) => new Map(current).set(control.input, shown))}
              />
            );
          })}
          <button type="button" class="reset" onClick={() => setMoved(new Map())} disabled={moved.size === 0}>
            Reset to the base
          </button>
        </section>

        <section class="panel bridge-panel" aria-labelledby="bridge-title">
          <h2 id="bridge-title">Sum of the parts</h2>
          {value && live.envelope ? (
            <SumOfTheParts value={value} warnings={live.envelope.warnings} />
          ) : (
            <Loading what="the bridge" />
          )}
        </section>
      </div>

      {value ? <OlderFiguresTable value={value} /> : null}
      {sections}

      <Provenance sources={sources} />
    </>
  );
}
