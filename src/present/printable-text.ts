/* eslint-disable no-control-regex -- removing control characters is what this file does */
/**
 * Text from outside (a provider's error body, a name a request gave) as it may be echoed (issue 19, "untrusted text
 * reaches the terminal raw"): control characters (C0, DEL, C1: terminal escape sequences begin with ESC) removed,
 * whitespace runs collapsed to one space, and at most `maxLength` characters, cut with an ellipsis.
 */
export function printable(text: string, maxLength: number): string {
  const clean = text
    // Whole escape sequences first (CSI: ESC [ or C1 CSI … final byte; OSC: ESC ] … BEL or ST), so no "[2J" is left.
    .replace(/(\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}
