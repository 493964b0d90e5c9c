/**
 * An option's value as text (a CLI flag, a URL query parameter) to the value its input schema reads. Text that is
 * not a number where one is expected becomes NaN, which the schema rejects by the field's name.
 */
import type { CommandOption } from './input-options.ts';

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;

export function valueFromText(text: string, kind: CommandOption['valueKind']): unknown {
  const toNumber = (part: string) => (DECIMAL.test(part.trim()) ? Number(part) : NaN);
  if (kind === 'number') return toNumber(text);
  if (kind === 'number-list') return text.split(',').map(toNumber);
  return text;
}

/** A switch takes no value (`--fiscal`, `--no-attribution`): its flag names no `<value>` or `[value]`. */
export function isSwitch(option: CommandOption): boolean {
  return !option.positional && !/[<[]/.test(option.flag);
}
