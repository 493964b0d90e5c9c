/**
 * A command's inputs are declared once, on its zod input schema: besides its type, each field carries in its metadata
 * (`.meta(inputField({…}))`) what a person reads about it and how it is written on the command line. The CLI flags,
 * the API's query parameters and the OpenAPI document are derived from it (src/app/input-options.ts).
 */

// A type, not an interface: zod's .meta() takes records, which only type literals are assignable to.
export type InputFieldMeta = {
  /** What the input is and its unit, for --help, the API documentation and errors. */
  description: string;
  /** The value's name after the flag, e.g. `<date>`; absent for a switch (a boolean). */
  value?: string;
  /** A positional argument instead of a flag: `<ticker>` when required, `[runA]` when optional. */
  argument?: string;
  /**
   * The flag when it is not the field's name in kebab case, e.g. `--efficiency`, or `--no-attribution` for a switch
   * that turns it off.
   */
  flag?: string;
};

/** Type-checks a field's metadata (zod's `.meta()` takes any record). */
export function inputField(meta: InputFieldMeta): InputFieldMeta {
  return meta;
}
