/**
 * The ports as the API sees them: the CLI's adapters, minus what would let a request read the server's files.
 * Over HTTP, scenarios and methodologies are built-in names only and reported-figure files are not read (the CLI
 * takes files); notes and exports are written only to folders the download routes make themselves; the SEC is not
 * called (the stored filing overlays are read).
 */
import type { AppPorts } from '../app/ports/app-ports.ts';
import { InputError } from '../schema/input-error.ts';

const BUILT_IN_NAME = /^[a-z0-9][a-z0-9-]*$/;

export function httpPorts(ports: AppPorts): AppPorts {
  /** A built-in name, or an error naming the field and listing them (without the CLI's "or give a .yaml file"). */
  const builtInOnly = (field: string, name: string, builtIns: { name: string }[]) => {
    if (BUILT_IN_NAME.test(name) && builtIns.some((b) => b.name === name)) return;
    const listed = builtIns.map((b) => b.name).join(', ');
    const problem = BUILT_IN_NAME.test(name)
      ? `no built-in ${field} "${name}"`
      : `over HTTP, name a built-in ${field}; files are read by the CLI only`;
    throw InputError.at([field], `${problem}; built-in: ${listed}`);
  };
  return {
    ...ports,
    progress: undefined,
    scenarios: {
      list: () => ports.scenarios.list(),
      load: async (name) => {
        builtInOnly(
          'scenario',
          name,
          (await ports.scenarios.list()).map((s) => ({ name: s.scenario.name })),
        );
        return ports.scenarios.load(name);
      },
      readForwardCurve: async (path, relativeToFile) => {
        // Only a curve a built-in scenario names, beside it.
        if (
          !relativeToFile?.startsWith('data/scenarios/') ||
          /(^|[/\\])\.\.([/\\]|$)/.test(path) ||
          path.startsWith('/')
        ) {
          throw InputError.at(['scenario'], 'over HTTP, forward curves are read only beside built-in scenarios');
        }
        return ports.scenarios.readForwardCurve(path, relativeToFile);
      },
    },
    methodologies: {
      list: () => ports.methodologies.list(),
      load: async (name) => {
        builtInOnly(
          'methodology',
          name,
          (await ports.methodologies.list()).map((m) => ({ name: m.methodology.name })),
        );
        return ports.methodologies.load(name);
      },
    },
    reported: {
      embedded: () => ports.reported.embedded(),
      load: async (_path, field) => {
        throw InputError.at(
          [field],
          'over HTTP, only the embedded reported figures are used; files are read by the CLI only',
        );
      },
    },
    // The stored filing overlays are read; the SEC is called by the CLI only (`rerate filings fetch`).
    filings: ports.filings && {
      overlays: ports.filings.overlays,
      sec: () => {
        throw InputError.at(['ticker'], 'over HTTP, the SEC is not called: run rerate filings fetch from the CLI');
      },
    },
  };
}
