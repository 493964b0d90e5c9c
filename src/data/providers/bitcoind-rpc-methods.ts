/**
 * The Bitcoin Core JSON-RPC methods rerate calls: their parameters and the fields of their results it reads. Shapes
 * follow Core's RPC help (src/rpc/blockchain.cpp): only the fields rerate reads are required.
 */

/** `getblockchaininfo`: the fields rerate reads. */
export interface BlockchainInfo {
  /** `main`, `test`, `testnet4`, `signet`, `regtest`. */
  chain: string;
  /** Height of the most-work fully validated chain. */
  blocks: number;
  headers: number;
  bestblockhash: string;
  initialblockdownload: boolean;
  pruned: boolean;
  /** Lowest height whose block data is kept (present only when pruned). */
  pruneheight?: number;
}

/** `getblockheader <hash> true`: the fields rerate reads. */
export interface BlockHeader {
  hash: string;
  height: number;
  /** Header time, unix seconds. */
  time: number;
  mediantime: number;
  /** Compact target as 8 lower-case hex digits, e.g. `1701fca1`. */
  bits: string;
  difficulty: number;
  /** Cumulative work through this block, hex (Core prints 64 digits). */
  chainwork: string;
  previousblockhash?: string;
  nextblockhash?: string;
}

/** The statistics rerate asks getblockstats for; amounts in sats. */
export const BLOCK_STATS_FIELDS = ['height', 'time', 'totalfee', 'subsidy'] as const;
export type BlockStatsField = (typeof BLOCK_STATS_FIELDS)[number];

/** `getblockstats <height> ["height","time","totalfee","subsidy"]`. */
export interface BlockStats {
  height: number;
  /** Header time, unix seconds. */
  time: number;
  /** Fees of the block's transactions, sats. */
  totalfee: number;
  /** Block subsidy, sats. */
  subsidy: number;
}

/** The methods this client may call: their parameters and (checked) results. */
export interface BitcoindMethods {
  getblockchaininfo: { params: []; result: BlockchainInfo };
  getblockhash: { params: [height: number]; result: string };
  getblockheader: { params: [hash: string, verbose: true]; result: BlockHeader };
  getblockstats: { params: [height: number, stats: typeof BLOCK_STATS_FIELDS]; result: BlockStats };
}
export type BitcoindMethod = keyof BitcoindMethods;
export type ParamsOf<M extends BitcoindMethod> = BitcoindMethods[M]['params'];
export type ResultOf<M extends BitcoindMethod> = BitcoindMethods[M]['result'];

/** The read-only methods rerate calls; anything else is refused before a request is sent. */
export const READ_ONLY_METHODS: readonly BitcoindMethod[] = [
  'getblockchaininfo',
  'getblockhash',
  'getblockheader',
  'getblockstats',
];
