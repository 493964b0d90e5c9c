// A writer of filing overlays that never stops, so a test can kill it mid-write:
//   node --import tsx test/support/filing-overlay-writer.ts <data-dir>
// It writes MARA overlays for made-up filings 1, 2, 3, … (each a new accession) into the store at <data-dir>,
// printing `written <n>` after each, until it is killed.
import { filingOverlayStore } from '../../src/data/filing-overlay-store.ts';
import type { FilingOverlay } from '../../src/schema/filings.ts';

export function syntheticOverlay(n: number): FilingOverlay {
  const sequence = String(n).padStart(6, '0');
  return {
    ticker: 'MARA',
    cik: '0001507605',
    filing: {
      accession: `0001507605-25-${sequence}`,
      form: '10-Q',
      filed: '2025-11-04',
      periodEnd: '2025-09-30',
      url: `https://www.sec.gov/Archives/edgar/data/1507605/0001507605250${sequence}/mara-20250930.htm`,
    },
    writtenAt: '2026-02-04T12:00:00.000Z',
    figures: {
      // A long concept list, so that a write takes more than one system call's worth of time to reach the disk.
      'balanceSheet.cashUsd': { value: 800000000 + n, concepts: Array(200).fill('us-gaap:Cash'), asOf: '2025-09-30' },
    },
  };
}

if (process.argv[1]?.endsWith('filing-overlay-writer.ts')) {
  const store = filingOverlayStore(process.argv[2] as string);
  for (let n = 1; ; n++) {
    await store.write(syntheticOverlay(n));
    process.stdout.write(`written ${n}\n`);
  }
}
