/** Validation shared by the height-based functions (block heights are `int` in Bitcoin Core). */

/** Throws a RangeError unless `height` is a non-negative safe integer. */
export function assertHeight(height: number, name = 'height'): void {
  if (!Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${height}`);
  }
}
