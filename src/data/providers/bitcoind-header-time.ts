/**
 * Header times as the Bitcoin Core provider checks them: no block is stamped before the genesis block, and how far
 * one block's time may step back from its predecessor's; and how messages show a header time.
 */

/** Header time of the mainnet genesis block (2009-01-03T18:15:05Z): no block is stamped earlier. */
export const GENESIS_TIME_S = 1_231_006_505;
/**
 * A block stamped more than 2 h before its predecessor is refused: Core rejects headers more than 2 h ahead of
 * network time (MAX_FUTURE_BLOCK_TIME, src/chain.h), so a step back that large cannot come from valid headers.
 * A step forward beyond 2 h is a long interval, rare but real: it is noted.
 */
export const MAX_TIME_STEP_S = 7_200;

/** A header time as messages show it, `2026-02-05T18:15:05Z`. */
export function isoTime(unixS: number): string {
  return `${new Date(unixS * 1000).toISOString().slice(0, 19)}Z`;
}
