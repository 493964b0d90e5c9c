/** Worker-thread entry: runs one Monte Carlo chunk and sends it back (buffers transferred, not copied). */
import { parentPort } from 'node:worker_threads';
import type { MonteCarloJob } from '../app/ports/monte-carlo.ts';
import { monteCarloChunk } from '../network/monte-carlo.ts';

parentPort?.on('message', (job: MonteCarloJob) => {
  const chunk = monteCarloChunk(job.setup, job.layouts, job.seed, job.firstPath, job.pathCount);
  parentPort?.postMessage(chunk, [
    ...chunk.values.map((values) => values.buffer as ArrayBuffer),
    chunk.halvingTimeS.buffer as ArrayBuffer,
  ]);
});
