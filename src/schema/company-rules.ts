/**
 * Rules across the fields of a company file (issue 19), checked once its schema holds. Each refuses an inconsistent
 * file with both places named: a lease or pipeline project on a site the file does not list, two sites of one name,
 * a site energized or displaced beyond its gross MW, and a balance sheet dated after the file (the file is the
 * company as of its date: a later balance sheet is knowledge it cannot have, and it moved the target silently —
 * notes issued before it were taken as already in its cash, so their proceeds dropped out while their principal
 * stayed, taking CIFR's target from $19.21 to $10.87 when issue 19 was filed).
 */
import { companyFileSchema, valueOf, type CompanyFile } from './company.ts';
import { parseFigureYaml } from './figure-issues.ts';
import { throwRuleIssues, type FieldPath, type RuleIssue } from './yaml-locator.ts';

/** A company file's text, validated by its schema and by the rules below, every problem at file:line:column. */
export function parseCompanyYaml(text: string, file: string): { company: CompanyFile; plainValue: unknown } {
  const { value: company, plainValue } = parseFigureYaml(text, file, companyFileSchema);
  throwRuleIssues(text, file, companyRuleIssues(company));
  return { company, plainValue };
}

export function companyRuleIssues(company: CompanyFile): RuleIssue[] {
  return [...siteNameIssues(company), ...siteCapacityIssues(company), ...balanceSheetIssues(company)];
}

/** Two sites of one name, and leases and projects on a site not listed. */
function siteNameIssues(company: CompanyFile): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const firstIndex = new Map<string, number>();
  company.sites.forEach((site, i) => {
    const first = firstIndex.get(site.name);
    if (first === undefined) firstIndex.set(site.name, i);
    else
      issues.push({
        path: ['sites', i, 'name'],
        message: `a second site named "${site.name}": site names must be unique, leases and projects refer to them`,
        related: [{ what: 'the first', path: ['sites', first, 'name'] }],
      });
  });
  const onSites: [FieldPath, string | undefined][] = [
    ...company.hpc.leases.map((l, i): [FieldPath, string] => [['hpc', 'leases', i, 'site'], l.site]),
    ...company.hpc.pipeline.map((p, i): [FieldPath, string | undefined] => [['hpc', 'pipeline', i, 'site'], p.site]),
  ];
  for (const [path, name] of onSites) {
    if (name === undefined || firstIndex.has(name)) continue;
    issues.push({
      path,
      message: `no site named "${name}" in sites`,
      related: [{ what: 'sites', path: ['sites'] }],
    });
  }
  return issues;
}

/** Energization steps and displaced mining above the gross MW of their site. */
function siteCapacityIssues(company: CompanyFile): RuleIssue[] {
  const issues: RuleIssue[] = [];
  company.sites.forEach((site, i) => {
    const grossMw = valueOf(site.grossMw);
    site.energization?.forEach((step, j) => {
      if (valueOf(step.mw) > grossMw)
        issues.push({
          path: figurePath(['sites', i, 'energization', j, 'mw'], step.mw),
          message: `${valueOf(step.mw)} MW energized by ${step.date} is above the site's gross ${grossMw} MW`,
          related: [{ what: 'grossMw', path: ['sites', i, 'grossMw'] }],
        });
    });
  });
  const siteIndex = new Map(company.sites.map((site, i) => [site.name, i] as const).reverse());
  const items = [
    ...company.hpc.leases.map((item, i) => ({ item, path: ['hpc', 'leases', i] })),
    ...company.hpc.pipeline.map((item, i) => ({ item, path: ['hpc', 'pipeline', i] })),
  ];
  for (const { item, path } of items) {
    const index = item.site === undefined ? undefined : siteIndex.get(item.site);
    if (item.displacesMiningMw === undefined || index === undefined) continue;
    const site = company.sites[index] as CompanyFile['sites'][number];
    const [displacedMw, grossMw] = [valueOf(item.displacesMiningMw), valueOf(site.grossMw)];
    if (displacedMw > grossMw)
      issues.push({
        path: figurePath([...path, 'displacesMiningMw'], item.displacesMiningMw),
        message: `${displacedMw} MW of mining displaced is above the gross ${grossMw} MW of "${site.name}"`,
        related: [{ what: 'its grossMw', path: ['sites', index, 'grossMw'] }],
      });
  }
  return issues;
}

/** The path of a figure's number: the figure's own, or its `value` when it is annotated. */
function figurePath(path: FieldPath, figure: number | object): FieldPath {
  return typeof figure === 'number' ? path : [...path, 'value'];
}

function balanceSheetIssues(company: CompanyFile): RuleIssue[] {
  if (company.balanceSheet.asOf <= company.asOf) return [];
  return [
    {
      path: ['balanceSheet', 'asOf'],
      message:
        `the balance sheet is dated ${company.balanceSheet.asOf}, after the file's date ${company.asOf}: ` +
        'a file holds what was known on its date (date the file later, or give the balance sheet of its date)',
      related: [{ what: "the file's asOf", path: ['asOf'] }],
    },
  ];
}
