// Regenerates docs/backtest-production.md from `rerate backtest production` on the embedded reported figures.
// Run: npm run docs:backtest (after scripts/build.mjs has built dist/).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const rerate = (args) => execFileSync(process.execPath, ['dist/rerate.js', ...args], { encoding: 'utf8' }).trimEnd();
const runs = [
  {
    title: 'The shared 2023–2024 file, from reported operating hashrate',
    args: [
      'backtest',
      'production',
      '--reported',
      'data/reported/miners-monthly-2023-2024.csv',
      '--use-reported-hashrate',
    ],
    note:
      'The production formula on the realized network: each month from its reported average operating hashrate. ' +
      '`data/reported/miners-monthly-2023-2024.csv` is a byte copy of ' +
      '`../shared/data/miners_monthly_reported_2023_2024.csv`.',
  },
  {
    title: 'The shared 2023–2024 file, from the company files’ capacity history',
    args: ['backtest', 'production', '--reported', 'data/reported/miners-monthly-2023-2024.csv'],
    note:
      'Each month from the coverage file’s energized hashrate (linear between dated points), realization, ' +
      'curtailment and pool fee. Months before a company’s first hashrate point are listed, not modeled.',
  },
  {
    title: 'All embedded reported figures (2023–2025), from capacity history',
    args: ['backtest', 'production'],
    note:
      'Adds the 2025 monthly figures of `data/reported/miners-monthly-2025.csv`. ' +
      'No model input was fitted to reported production, so these months test the company files as they stand.',
  },
  {
    title: 'All embedded reported figures (2023–2025), from reported operating hashrate',
    args: ['backtest', 'production', '--use-reported-hashrate'],
    note: '',
  },
];
const version = rerate(['--version']);
const sections = runs.map(
  (run) => `## ${run.title}

\`rerate ${run.args.join(' ')}\`${run.note ? `\n\n${run.note}` : ''}

\`\`\`text
${rerate(run.args)}
\`\`\`
`,
);
writeFileSync(
  'docs/backtest-production.md',
  `# Production backtest

Made by \`rerate backtest production\` (rerate ${version}) on the embedded data; ` +
    `regenerate with \`npm run docs:backtest\`.
What it tests and how is in [methodology.md](methodology.md#production-backtest).

${sections.join('\n')}`,
);
console.log('docs/backtest-production.md written');
