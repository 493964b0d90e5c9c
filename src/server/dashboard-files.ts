/**
 * The built dashboard (web/ bundled into a folder of index.html, app.js, app.css …), read once into memory and
 * served as is. Only files directly in the folder are served, by exact name: no path from a request reaches the disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface DashboardFile {
  body: Buffer;
  contentType: string;
}

/** The files by URL path (`/` is index.html); undefined when the folder has no index.html. */
export function dashboardFiles(root: string | undefined): Map<string, DashboardFile> | undefined {
  if (root === undefined || !existsSync(join(root, 'index.html'))) return undefined;
  const files = new Map<string, DashboardFile>();
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType || !statSync(path).isFile()) continue;
    files.set(`/${name}`, { body: readFileSync(path), contentType });
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

/** What `/` shows when the dashboard was not built. */
export const DASHBOARD_MISSING_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>rerate</title></head>\n' +
  '<body><main><h1>rerate</h1><p>The dashboard is not built in this installation: ' +
  'run <code>npm run build</code> and restart <code>rerate serve</code>.</p>\n' +
  '<p>The API is served: see <a href="/docs">/docs</a> and <a href="/openapi.json">/openapi.json</a>.</p>' +
  '</main></body></html>\n';
