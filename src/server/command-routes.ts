/**
 * The registry as REST routes: each command is `GET /api/v1/<its words>` with its required positional argument as a
 * path segment and every other option as a query parameter named by the option's key, holding the same text as the
 * CLI flag (numbers as decimals, switches as true/false). One declaration, every surface (DESIGN.md §1).
 */
import type { CommandDefinition } from '../app/command.ts';
import type { CommandOption } from '../app/input-options.ts';
import { isSwitch, valueFromText } from '../app/option-text.ts';
import { InputError } from '../schema/input-error.ts';
import type { FieldPlace } from './api-error.ts';

export const API_PREFIX = '/api/v1';

/** Commands the API does not serve as plain routes, with why (their declarations say: `http.notServed`). */
export function notServed(commands: readonly CommandDefinition[]): { name: string; why: string }[] {
  return commands.flatMap((command) =>
    command.http?.notServed ? [{ name: command.name, why: command.http.notServed }] : [],
  );
}

export interface CommandRoute {
  definition: CommandDefinition;
  /** Fastify's pattern, e.g. `/api/v1/value/:target`. */
  url: string;
  /** OpenAPI's form of the same path, e.g. `/api/v1/value/{target}`. */
  openApiPath: string;
  /** The required positional argument, taken from the path. */
  pathOption: CommandOption | undefined;
  /** Every other option, taken from the query string. */
  queryOptions: CommandOption[];
}

export function commandRoutes(commands: readonly CommandDefinition[]): CommandRoute[] {
  return commands
    .filter((definition) => definition.http?.notServed === undefined)
    .map((definition) => {
      const base = `${API_PREFIX}/${definition.name.split(' ').join('/')}`;
      // `<ticker>` is required (a path segment); `[runA]` is optional (a query parameter, like diff's runs).
      const pathOption = definition.options.find((option) => option.positional && option.flag.startsWith('<'));
      return {
        definition,
        url: pathOption ? `${base}/:${pathOption.key}` : base,
        openApiPath: pathOption ? `${base}/{${pathOption.key}}` : base,
        pathOption,
        queryOptions: definition.options.filter((option) => option !== pathOption),
      };
    });
}

/** Where each input key comes from in a request, for error paths: `target` → `params.target`, `asOf` → `query.asOf`. */
export function placeInRequest(route: CommandRoute): FieldPlace {
  return (path) => {
    const [key, ...rest] = path;
    const where = route.pathOption && key === route.pathOption.key ? 'params' : 'query';
    return [where, key, ...rest].filter((part) => part !== undefined).join('.');
  };
}

/**
 * A request's path and query parameters as the command's raw input (the input schema then validates it). Unknown,
 * repeated or malformed parameters are refused by name.
 */
export function inputOfRequest(
  route: CommandRoute,
  params: Record<string, string>,
  query: Record<string, unknown>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (route.pathOption) input[route.pathOption.key] = params[route.pathOption.key];
  for (const [name, value] of Object.entries(query)) {
    const option = route.queryOptions.find((candidate) => candidate.key === name);
    if (!option) {
      const known = route.queryOptions.map((candidate) => candidate.key).join(', ');
      throw new InputError([
        {
          path: [name],
          message: `unknown query parameter${known ? `; this route takes: ${known}` : '; this route takes none'}`,
        },
      ]);
    }
    if (typeof value !== 'string') throw new InputError([{ path: [name], message: 'give the parameter once' }]);
    if (isSwitch(option)) {
      if (value !== 'true' && value !== 'false')
        throw new InputError([{ path: [name], message: 'expected true or false' }]);
      input[name] = value === 'true';
    } else {
      input[name] = valueFromText(value, option.valueKind);
    }
  }
  return input;
}
