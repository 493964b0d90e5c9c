// Regenerates docs/backtest.md from `rerate network backtest` on the embedded data. Run: npm run docs:backtest
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const output = execFileSync(process.execPath, ['dist/rerate.js', 'network', 'backtest'], { encoding: 'utf8' });
const version = execFileSync(process.execPath, ['dist/rerate.js', '--version'], { encoding: 'utf8' }).trim();
writeFileSync(
  'docs/backtest.md',
  `# Backtest of the network projection engine

Made by \`rerate network backtest\` (rerate ${version}) on the embedded data; regenerate with \`npm run docs:backtest\`.
What each part tests is in [methodology.md](methodology.md#backtest).

\`\`\`text
${output.trimEnd()}
\`\`\`
`,
);
console.log('docs/backtest.md written');
