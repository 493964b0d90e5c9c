// Derives the embedded snapshot in data/ from the project's shared reference data (../shared/data by default).
// It only drops columns the engine derives itself and shortens the source tags; values pass through as text,
// so the snapshot holds exactly the published numbers. Run: node scripts/build-data.mjs [sharedDataDir]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sharedDir = process.argv[2] ?? '../shared/data';

function readCsv(file) {
  const lines = readFileSync(join(sharedDir, file), 'utf8').trimEnd().split(/\r?\n/);
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((line) => Object.fromEntries(splitCsvLine(line).map((v, i) => [header[i], v])));
}

// Fields in these files are plain, except the long quoted source tag of the latest daily rows.
function splitCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

const SOURCE_CODES = {
  cm_api_dump: 'cm-api',
  cm_csv_repo: 'cm-repo',
  'cm_api_dump_btctree(price,supply-derived blocks)+epochs(difficulty); fees unknown': 'cm-supply',
};

const daily = readCsv('btc_daily_network_coinmetrics.csv');
const dailyOut = ['date,blocks,price_usd,difficulty,fees_btc,issuance_btc,source'];
for (const row of daily) {
  const source = SOURCE_CODES[row.source];
  if (!source) throw new Error(`unknown source tag in daily data on ${row.date}: ${row.source}`);
  dailyOut.push(
    [row.date, row.block_count, row.price_usd, row.difficulty_mean, row.fees_btc, row.issuance_btc, source].join(','),
  );
}
writeFileSync('data/network-daily.csv', dailyOut.join('\n') + '\n');

const epochs = readCsv('difficulty_epochs.csv');
const epochsOut = ['epoch,start_height,bits,start_time_unix,start_time_source,chainwork_at_start_hex'];
for (const row of epochs) {
  epochsOut.push(
    [
      row.epoch,
      row.start_height,
      row.bits,
      row.start_time_unix,
      row.start_time_source,
      row.chainwork_at_start_hex,
    ].join(','),
  );
}
writeFileSync('data/difficulty-epochs.csv', epochsOut.join('\n') + '\n');
console.log(`data/network-daily.csv: ${daily.length} days; data/difficulty-epochs.csv: ${epochs.length} epochs`);
