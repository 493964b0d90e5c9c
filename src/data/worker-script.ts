/**
 * The script a worker thread starts from, beside the module that starts it: the bundled `<name>.js` in a build
 * (scripts/build.mjs writes every worker entry beside dist/rerate.js); from source (tests, under tsx) a small ESM
 * bootstrap that registers tsx in the worker first — Node 20 does not apply `--import tsx` to a worker's entry.
 */
export function workerScriptBeside(moduleUrl: string, name: string): URL {
  if (!moduleUrl.endsWith('.ts')) return new URL(`./${name}.js`, moduleUrl);
  const entry = new URL(`./${name}.ts`, moduleUrl).href;
  const bootstrap =
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
    `await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
