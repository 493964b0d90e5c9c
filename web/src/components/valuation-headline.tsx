/**
 * The company's rating, price target, share price and upside from its latest valuation; when inputs are set by hand,
 * the target under the base inputs beside it. `aria-live` announces a new target after a control moves.
 */
import type { ValueResult } from '../api-types.ts';
import { formatChangePct, formatUsd } from '../display-format.ts';
import { RatingBadge } from './rating-badge.tsx';

export function ValuationHeadline({
  value,
  baseTargetUsd,
  pending,
}: {
  value: ValueResult;
  baseTargetUsd: number | undefined;
  pending: boolean;
}) {
  const { company } = value;
  const moved = value.inputsSet.length > 0;
  return (
    <div class="headline" aria-busy={pending ? 'true' : 'false'}>
      <dl class="headline-figures">
        <div>
          <dt>Rating</dt>
          <dd data-field="rating">
            <RatingBadge rating={company.rating} />
          </dd>
        </div>
        <div>
          <dt>Target ({value.targetDate})</dt>
          <dd class="big" data-field="target" aria-live="polite">
            {formatUsd(company.targetUsd)}
          </dd>
        </div>
        <div>
          <dt>
            Price ({company.sharePriceDate ?? 'file date'}, {company.sharePriceSource})
          </dt>
          <dd class="big" data-field="price">
            {formatUsd(company.sharePriceUsd)}
          </dd>
        </div>
        <div>
          <dt>Upside</dt>
          <dd class={`big ${company.upside >= 0 ? 'up' : 'down'}`} data-field="upside">
            {formatChangePct(company.upside)}
          </dd>
        </div>
      </dl>
      <p class="headline-note">
        {moved && baseTargetUsd !== undefined ? (
          <>
            With the inputs below; base target <span data-field="baseTarget">{formatUsd(baseTargetUsd)}</span> (
            {formatChangePct(company.targetUsd / baseTargetUsd - 1)}).{' '}
          </>
        ) : (
          'Base case. '
        )}
        Overweight from {formatChangePct(value.rating.overweightFromUpside.value)} upside, Underweight at{' '}
        {formatChangePct(value.rating.underweightToUpside.value)} or less ({value.methodology.name}).
        {pending ? <span class="pending"> Updating…</span> : null}
      </p>
    </div>
  );
}
