/**
 * Formula-injection safety for spreadsheet exports (DESIGN.md §10). A spreadsheet (Excel, LibreOffice Calc, Google
 * Sheets) runs a cell whose text starts with `=`, `+`, `-` or `@` as a formula, and tab or carriage return let such
 * a text hide behind whitespace. OWASP's rule (https://owasp.org/www-community/attacks/CSV_Injection, "Ensure that no
 * cells begin with any of the following characters: = + - @ Tab (0x09) Carriage return (0x0D)"; also ASVS 5.0
 * V1.2.10) is to prepend a single quote. Typed into a cell or read from CSV, spreadsheets take it as "this is text"
 * and hide it; in an XLSX text cell (already text, so never run) the quote stays visible, marking the neutralized
 * value.
 *
 * Only text goes through here: numbers are written as numeric cells (XLSX) or plain decimals (CSV), so a negative
 * number stays a number and is never prefixed.
 */

/** The first characters that make a spreadsheet read a text as a formula (OWASP CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet should show it: prefixed with `'` when it would otherwise start a formula. */
export function neutralizeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
