/**
 * The options of a command, derived from its input schema (src/schema/input-field.ts): one per field, in the
 * schema's order — a positional argument or a `--flag` named after the field in kebab case, with the help text,
 * choices and default read from the schema. Every surface reads these: the CLI's flags, the API's parameters.
 */
import type { z } from 'zod';
import type { InputFieldMeta } from '../schema/input-field.ts';

export interface CommandOption {
  /** The input field the option fills. */
  key: string;
  /** The CLI flag with its value name, e.g. `--as-of <date>`, or the argument's name, e.g. `<ticker>`. */
  flag: string;
  /** A positional argument (`flag` is then its name, e.g. `<scenario>`) rather than a `--flag`. */
  positional?: boolean;
  /** How the CLI turns the flag's text into the input value: as is (default), a number, or comma-separated numbers. */
  valueKind?: 'text' | 'number' | 'number-list';
  description: string;
  choices?: readonly string[];
  /** The schema's default, as text for help. */
  defaultValue?: string;
  required?: boolean;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { def: ZodDef }).def;

/** The type a field's text is read into, under optional, default and pipe wrappers. */
function coreOf(schema: z.ZodType): { core: ZodDef; defaultValue: unknown } {
  let def = defOf(schema);
  let defaultValue: unknown;
  for (;;) {
    if (def.type === 'default' && defaultValue === undefined) defaultValue = def.defaultValue;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!['optional', 'default', 'nullable', 'pipe', 'readonly', 'prefault'].includes(def.type) || !inner) break;
    def = defOf(inner);
  }
  return { core: def, defaultValue };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function optionsOf(inputSchema: z.ZodType): CommandOption[] {
  const shape = defOf(inputSchema).shape;
  if (!shape) throw new Error('internal error: a command input schema must be an object');
  return Object.entries(shape).map(([key, field]) => {
    const meta = field.meta() as InputFieldMeta | undefined;
    if (!meta?.description) throw new Error(`internal error: input field ${key} has no description in its metadata`);
    const { core, defaultValue } = coreOf(field);
    const choices =
      core.type === 'enum'
        ? Object.values(core.entries ?? {})
        : core.type === 'literal'
          ? (core.values ?? []).map(String)
          : undefined;
    const valueKind =
      core.type === 'number'
        ? 'number'
        : core.type === 'array' && core.element && coreOf(core.element).core.type === 'number'
          ? 'number-list'
          : undefined;
    const name = meta.flag ?? `--${kebab(key)}`;
    const option: CommandOption = {
      key,
      flag: meta.argument ?? (meta.value === undefined ? name : `${name} ${meta.value}`),
      description: meta.description,
      ...(meta.argument !== undefined && { positional: true }),
      ...(valueKind && { valueKind }),
      ...(choices && { choices }),
      ...(defaultValue !== undefined && typeof defaultValue !== 'object' && { defaultValue: String(defaultValue) }),
      ...(meta.argument === undefined && meta.value !== undefined && !field.isOptional() && { required: true }),
    };
    return option;
  });
}
