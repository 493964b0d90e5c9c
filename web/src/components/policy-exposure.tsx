/**
 * A company's exposure to ERCOT's "use it or lose it" rule (`policy ercot`): its ERCOT MW, the MW not energized by
 * the review date and forfeited, the target with and without the rule, and site by site what is lost.
 */
import type { PolicyResult } from '../api-types.ts';
import { formatChangePct, formatNumber, formatUsd } from '../display-format.ts';

export function PolicyExposure({ policy, ticker }: { policy: PolicyResult; ticker: string }) {
  const exposure = policy.companies.find((company) => company.ticker === ticker);
  const sites = policy.sites.filter((site) => site.ticker === ticker);
  const rule =
    `review on ${policy.rule.reviewDate} (${policy.rule.windowDays} days after ${policy.asOf}), ` +
    `forfeiture probability ${formatNumber(policy.rule.probability * 100, 0)}%`;
  if (exposure === undefined || exposure.ercotMw === 0)
    return <p data-field="policy">No capacity in ERCOT: the rule does not apply ({rule}).</p>;
  const forfeitedMw = formatNumber(exposure.forfeitedMw, 0);
  return (
    <>
      <p data-field="policy">
        {formatNumber(exposure.ercotMw, 0)} MW in ERCOT; {formatNumber(exposure.atRiskMw, 0)} MW not energized by the
        review, of which {forfeitedMw} MW would be forfeited under the rule ({rule}): target{' '}
        {formatUsd(exposure.targetUsd)} → <strong>{formatUsd(exposure.targetUnderRuleUsd)}</strong> (
        {formatChangePct(exposure.impactPct)}).
      </p>
      <div class="table-scroll" role="region" aria-labelledby="policy-caption" tabIndex={0}>
        <table class="data-table">
          <caption id="policy-caption">ERCOT sites of {ticker} under the rule</caption>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Stage</th>
              <th scope="col" class="numeric">
                Gross MW
              </th>
              <th scope="col" class="numeric">
                Energized by review (MW)
              </th>
              <th scope="col" class="numeric">
                At risk (MW)
              </th>
              <th scope="col" class="numeric">
                Forfeited (MW)
              </th>
              <th scope="col" class="numeric">
                Target impact (USD/share)
              </th>
              <th scope="col">Claims losing</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.site}>
                <th scope="row">{site.site}</th>
                <td>{site.stage}</td>
                <td class="numeric">{formatNumber(site.grossMw, 0)}</td>
                <td class="numeric">{formatNumber(site.energizedByReviewMw, 0)}</td>
                <td class="numeric">{formatNumber(site.atRiskMw, 0)}</td>
                <td class="numeric">{formatNumber(site.forfeitedMw, 0)}</td>
                <td class="numeric">{formatUsd(site.targetImpactUsd)}</td>
                <td>{site.claimsLosing.join('; ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
