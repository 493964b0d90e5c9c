/**
 * The API's documentation page, rendered on the server from the OpenAPI document: no script, nothing fetched from
 * elsewhere (it works offline), every operation with its parameters, responses and the equivalent CLI command.
 */

type Json = Record<string, unknown>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function docsPage(document: Json): string {
  const info = document['info'] as Json;
  const paths = document['paths'] as Record<string, Record<string, Json>>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  const anchor = (operationId: unknown) => `op-${String(operationId)}`;
  const section = ({ path, method, operation }: (typeof operations)[number]) => {
    const parameters = (operation['parameters'] as Json[] | undefined) ?? [];
    const responses = Object.entries((operation['responses'] as Record<string, Json>) ?? {});
    const rows = parameters
      .map((p) => {
        const schema = (p['schema'] as Json) ?? {};
        const type = Array.isArray(schema['enum'])
          ? (schema['enum'] as unknown[]).join(' | ')
          : String(schema['type'] ?? 'string');
        return (
          `<tr><td><code>${escapeHtml(String(p['name']))}</code></td><td>${p['in']}</td>` +
          `<td>${p['required'] ? 'yes' : ''}</td><td>${escapeHtml(type)}` +
          `${schema['default'] !== undefined ? ` (default ${escapeHtml(String(schema['default']))})` : ''}</td>` +
          `<td>${escapeHtml(String(p['description'] ?? ''))}</td></tr>`
        );
      })
      .join('');
    const parametersTable = rows
      ? '<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th>' +
        '<th scope="col">Required</th><th scope="col">Type</th><th scope="col">Meaning</th></tr></thead>' +
        `<tbody>${rows}</tbody></table>`
      : '<p>No parameters.</p>';
    const responseList = responses
      .map(([status, r]) => `<strong>${status}</strong> ${escapeHtml(String(r['description'] ?? ''))}`)
      .join(' · ');
    return `<section id="${anchor(operation['operationId'])}">
<h2><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(String(operation['summary'] ?? ''))}</p>
<p class="description">${escapeHtml(String(operation['description'] ?? ''))
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\n/g, '<br>')}</p>
${parametersTable}
<p>Responses: ${responseList}</p>
</section>`;
  };
  const access = document['security']
    ? 'Every API route requires <code>Authorization: Bearer &lt;RERATE_API_TOKEN&gt;</code>.'
    : 'Served on loopback without a token.';
  const operationLinks = operations
    .map(
      ({ path, method, operation }) =>
        `<li><a href="#${anchor(operation['operationId'])}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`,
    )
    .join('');
  return (
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(String(info['title']))} ${escapeHtml(String(info['version']))}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1f24}
code{font-family:ui-monospace,monospace;font-size:.92em}h2{font-size:1.05rem;margin:2rem 0 .3rem}
.method{background:#0b5cad;color:#fff;border-radius:3px;padding:0 .4em;font-size:.85em}
table{border-collapse:collapse;width:100%;font-size:.9rem}` +
    `td,th{border-bottom:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600}.description{color:#424a53}nav ul{columns:2;padding-left:1.2rem}a{color:#0b5cad}
</style></head>
<body><header><h1>${escapeHtml(String(info['title']))} <small>${escapeHtml(String(info['version']))}</small></h1>
<p>${escapeHtml(String(info['description'] ?? '')).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). ` +
    `Errors are <code>{ code, message, path }</code> with a 4xx status. ${access}</p></header>
<nav aria-label="Operations"><ul>${operationLinks}</ul></nav>
<main>${operations.map(section).join('\n')}</main></body></html>
`
  );
}
