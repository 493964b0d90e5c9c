/**
 * The OpenAPI 3.1 document, built from the same registry as the routes: every command's parameters from its options
 * and input schema, its 200 response as the result envelope around its output schema, and the shared error body.
 */
import { z } from 'zod';
import type { CommandOption } from '../app/input-options.ts';
import { ENGINE_VERSION } from '../app/engine-version.ts';
import { isSwitch } from '../app/option-text.ts';
import { API_PREFIX, type CommandRoute } from './command-routes.ts';

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['code', 'message', 'path'],
  properties: {
    code: {
      type: 'string',
      description:
        'stable code: invalid-input, unknown-route, unauthorized, invalid-host, rate-limited, payload-too-large, ' +
        'uri-too-long, unsupported-media-type, invalid-body, busy, deadline-exceeded, failed',
    },
    message: { type: 'string' },
    path: {
      type: 'string',
      description:
        'the request field (query.asOf, params.target, body.input.scenario), a data file:line:column, or empty',
    },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { message: { type: 'string' }, path: { type: 'string' } } },
    },
  },
};

const WARNING_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    field: { type: 'string', description: 'path into results of the numbers the warning affects' },
  },
};

function envelopeSchema(results: JsonSchema): JsonSchema {
  return {
    type: 'object',
    required: ['results', 'asOf', 'inputsHash', 'dataAsOf', 'warnings', 'engineVersion'],
    properties: {
      results,
      asOf: {
        type: 'string',
        description:
          "the day the results describe (YYYY-MM-DD); 'n/a' or empty for commands about no day (lists, files)",
      },
      inputsHash: {
        type: 'string',
        description:
          'the run id: SHA-256 of the run manifest ' +
          '(command, input, files read, data snapshot, engine version, code commit)',
      },
      dataAsOf: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'the last day of each data series used',
      },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/Warning' } },
      engineVersion: { type: 'string' },
    },
  };
}

/** A heavy command's answers beyond the worker pool's bounds (src/server/worker-pool.ts). */
const HEAVY_RESPONSES = {
  '503': 'busy: the worker pool and its queue are full; retry after Retry-After (seconds)',
  '504': 'deadline-exceeded: not done within the server deadline (rerate serve --deadline) and stopped',
};

const errorResponses = (extra: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries({
      '400': 'invalid input, named by its path',
      '401': 'a bearer token is required (see security)',
      '429': 'rate limited (Retry-After says when to retry)',
      ...extra,
    }).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete converted['$schema'];
  return converted;
}

/** A parameter's schema: over HTTP every value arrives as text, so only its documented form is given. */
function parameterOf(option: CommandOption, where: 'path' | 'query', inputSchema: JsonSchema): JsonSchema {
  const property = ((inputSchema['properties'] as Record<string, JsonSchema> | undefined) ?? {})[option.key] ?? {};
  const schema: JsonSchema = isSwitch(option)
    ? { type: 'boolean' }
    : option.valueKind === 'number'
      ? { type: 'number' }
      : option.choices
        ? { type: 'string', enum: [...option.choices] }
        : { type: 'string', ...(typeof property['pattern'] === 'string' ? { pattern: property['pattern'] } : {}) };
  if (option.defaultValue !== undefined) schema['default'] = option.defaultValue;
  const cliFlag = option.positional ? option.flag : option.flag.split(' ')[0];
  return {
    name: option.key,
    in: where,
    required: where === 'path' || option.required === true,
    description:
      `${option.description} (CLI: ${cliFlag}` +
      `${option.valueKind === 'number-list' ? '; comma-separated numbers' : ''})`,
    schema,
  };
}

export function openApiDocument(
  routes: readonly CommandRoute[],
  options: { tokenRequired: boolean; notServed: readonly { name: string; why: string }[] },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const { definition } = route;
    const inputSchema = jsonSchemaOf(definition.inputSchema, 'input');
    paths[route.openApiPath] = {
      get: {
        // Words and hyphens camel-cased: `coverage list` → coverageList, `cost-curve` → costCurve.
        operationId: definition.name.replace(/[ -](\w)/g, (_, c: string) => c.toUpperCase()),
        summary: definition.summary,
        description:
          `${definition.description}\n\n` + `CLI: ${definition.examples.map((example) => `\`${example}\``).join(', ')}`,
        tags: [definition.name.split(' ')[0]],
        parameters: [
          ...(route.pathOption ? [parameterOf(route.pathOption, 'path', inputSchema)] : []),
          ...route.queryOptions.map((option) => parameterOf(option, 'query', inputSchema)),
        ],
        responses: {
          '200': {
            description: 'the result envelope',
            content: {
              'application/json': { schema: envelopeSchema(jsonSchemaOf(definition.outputSchema, 'output')) },
            },
          },
          ...errorResponses(definition.http?.heavy ? HEAVY_RESPONSES : {}),
        },
      },
    };
  }
  const savedCommands = routes.flatMap((route) => (route.definition.savedRun ? [route.definition.name] : []));
  paths[`${API_PREFIX}/runs`] = {
    post: {
      operationId: 'saveRun',
      summary: 'Run a command and save the run in the run store (what `rerate update` does by default)',
      description:
        'The input is the command’s input as JSON (the same keys as its query parameters, numbers as numbers). ' +
        'The saved run is what `diff` and the revisions page compare.',
      tags: ['runs'],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['command'],
              additionalProperties: false,
              properties: { command: { type: 'string', enum: savedCommands }, input: { type: 'object' } },
            },
            example: { command: 'update', input: { asOf: '2025-12-31' } },
          },
        },
      },
      responses: {
        '201': {
          description: 'the envelope and the saved run',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  envelope: envelopeSchema({}),
                  saved: {
                    type: 'object',
                    properties: { id: { type: 'string' }, seq: { type: 'integer' }, created: { type: 'boolean' } },
                  },
                },
              },
            },
          },
        },
        ...errorResponses({
          '413': 'the body is over the size limit',
          '415': 'the body is not JSON',
          ...HEAVY_RESPONSES,
        }),
      },
    },
  };
  const framingParameters = ['asOf', 'scenario', 'methodology'].map((name) => ({
    name,
    in: 'query',
    required: false,
    schema: { type: 'string' },
  }));
  paths[`${API_PREFIX}/note`] = {
    get: {
      operationId: 'downloadNote',
      summary: 'The research note as a file (html: one self-contained page; pdf: printed by headless Chromium)',
      description:
        'Built as `rerate note` builds it (and saved as a run as the CLI saves it). ' +
        'Markdown writes a folder of charts, so it is CLI-only.',
      tags: ['note'],
      parameters: [
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: ['html', 'pdf'], default: 'html' },
        },
        ...framingParameters,
      ],
      responses: {
        '200': { description: 'the note', content: { 'text/html': {}, 'application/pdf': {} } },
        ...errorResponses({
          ...HEAVY_RESPONSES,
          '503': 'busy: four notes or exports are in hand, or the worker pool is full; retry after Retry-After',
        }),
      },
    },
  };
  paths[`${API_PREFIX}/export`] = {
    get: {
      operationId: 'downloadExport',
      summary:
        'Estimates, valuation, sensitivity, network and sources as one XLSX workbook ' +
        '(as `rerate export --format xlsx`)',
      tags: ['export'],
      parameters: [
        { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['xlsx'], default: 'xlsx' } },
        ...framingParameters,
      ],
      responses: {
        '200': {
          description: 'the workbook',
          content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} },
        },
        ...errorResponses({
          ...HEAVY_RESPONSES,
          '503': 'busy: four notes or exports are in hand, or the worker pool is full; retry after Retry-After',
        }),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'rerate API',
      version: ENGINE_VERSION,
      description:
        'The rerate command registry over HTTP: every command returns the same result envelope as `rerate … --json`. ' +
        `Not served: ${options.notServed.map(({ name, why }) => `\`${name}\` (${why})`).join('; ')}.`,
    },
    servers: [{ url: '/' }],
    ...(options.tokenRequired ? { security: [{ bearer: [] }] } : {}),
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA, Warning: WARNING_SCHEMA },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'RERATE_API_TOKEN; required when the server is bound off loopback or a token is configured',
        },
      },
    },
  };
}
