/** The chain at the as-of date (`network status`): epoch, next retarget, halving, hashrate, hashprice, fees. */
import type { NetworkStatusResult } from '../api-types.ts';
import {
  formatDifficulty,
  formatHashrate,
  formatNumber,
  formatPct,
  formatUsd,
  formatUtcTime,
} from '../display-format.ts';

function Figure({ label, value, detail, field }: { label: string; value: string; detail?: string; field: string }) {
  return (
    <div class="figure" data-field={field}>
      <dt>{label}</dt>
      <dd>
        <span class="figure-value">{value}</span>
        {detail !== undefined ? <span class="sub">{detail}</span> : null}
      </dd>
    </div>
  );
}

export function NetworkStatusPanel({ status }: { status: NetworkStatusResult }) {
  const { epoch, retargetEstimate: retarget, halving } = status;
  const hashvalue =
    status.hashvalueBtcPerPhDay === null ? 'n/a' : `${formatNumber(status.hashvalueBtcPerPhDay * 1e6, 1)} µBTC/PH/day`;
  return (
    <dl class="figures">
      <Figure
        field="height"
        label="Height"
        value={formatNumber(status.tipHeight)}
        detail={`${status.blocksInDay} blocks on ${status.asOf}`}
      />
      <Figure
        field="epoch"
        label={`Epoch ${epoch.index}`}
        value={`${formatPct(epoch.progressPct, 1)} done`}
        detail={
          `${formatNumber(epoch.blocksMined)} blocks mined, ${formatNumber(epoch.blocksRemaining)} to go; ` +
          `difficulty ${formatDifficulty(epoch.difficulty)}`
        }
      />
      <Figure
        field="retarget"
        label="Next retarget"
        value={formatPct(retarget.changePct, 2, true)}
        detail={
          `at height ${formatNumber(retarget.height)}, about ${formatUtcTime(retarget.estimatedTime)}; ` +
          `difficulty ${formatDifficulty(retarget.difficulty)}` +
          `${retarget.clamp === 'none' ? '' : ` (clamped ${retarget.clamp})`}`
        }
      />
      <Figure
        field="halving"
        label="Next halving"
        value={halving.estimatedTime.slice(0, 10)}
        detail={
          `height ${formatNumber(halving.nextHeight)}, ${formatNumber(halving.blocksRemaining)} blocks away; ` +
          `subsidy ${halving.subsidyNowBtc} → ${halving.subsidyAfterBtc} BTC`
        }
      />
      <Figure
        field="hashrate"
        label="Hashrate (7-day)"
        value={formatHashrate(status.hashrate7dEhs)}
        detail={`30-day ${formatHashrate(status.hashrate30dEhs)}`}
      />
      <Figure
        field="hashprice"
        label="Hashprice"
        value={status.hashpriceUsdPerPhDay === null ? 'n/a' : `${formatUsd(status.hashpriceUsdPerPhDay)}/PH/day`}
        detail={`BTC ${formatUsd(status.priceUsd, 0)}; hashvalue ${hashvalue}`}
      />
      <Figure
        field="fees"
        label="Fees"
        value={`${formatNumber(status.fees.perBlockBtc, 4)} BTC/block`}
        detail={`${formatPct(status.fees.sharePct, 2)} of rewards${status.fees.imputed ? ' (imputed)' : ''}`}
      />
    </dl>
  );
}
