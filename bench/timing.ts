// Times a benchmark step `runs` times and prints its median, min, max and first (cold) run against its target.
export async function timed(
  label: string,
  runs: number,
  target: string,
  run: (i: number) => Promise<unknown>,
): Promise<void> {
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run(i);
    timings.push(performance.now() - start);
  }
  const first = timings[0] as number;
  timings.sort((a, b) => a - b);
  console.log(
    `${label}: median ${timings[Math.floor(runs / 2)]?.toFixed(1)} ms, min ${timings[0]?.toFixed(1)} ms, ` +
      `max ${timings[runs - 1]?.toFixed(1)} ms, first ${first.toFixed(1)} ms  [target ${target}]`,
  );
}
