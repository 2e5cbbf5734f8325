/**
 * The one way benchmarks measure and report here: throughput of an async or sync operation over a
 * fixed amount of work, after a warm-up, and a markdown table that puts a subject next to its baseline.
 * Never used by tests: timings are reported, not asserted.
 */

export interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly opsPerSecond: number;
  /** Latency percentiles in milliseconds, when per-operation latencies were recorded. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
}

export const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export const percentile = (sortedMs: ReadonlyArray<number>, p: number): number => {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] as number;
};

/** Runs `operation(i)` for i in [0, operations) sequentially, after `warmup` untimed runs. */
export const measure = async (
  name: string,
  operations: number,
  operation: (i: number) => unknown,
  options: { readonly warmup?: number; readonly latencies?: boolean } = {},
): Promise<Measurement> => {
  for (let i = 0; i < (options.warmup ?? Math.min(1000, Math.ceil(operations / 10))); i++) await operation(-1 - i);
  const latencies: number[] = [];
  const start = now();
  for (let i = 0; i < operations; i++) {
    const t0 = options.latencies ? now() : 0;
    await operation(i);
    if (options.latencies) latencies.push(now() - t0);
  }
  const seconds = (now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    operations,
    seconds,
    opsPerSecond: operations / seconds,
    ...(options.latencies ? { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) } : {}),
  };
};

/** Runs `concurrency` workers that share `operations` calls of `operation`, recording each call's latency. */
export const measureConcurrent = async (
  name: string,
  operations: number,
  concurrency: number,
  operation: (i: number, worker: number) => Promise<unknown>,
): Promise<Measurement> => {
  let next = 0;
  const latencies: number[] = [];
  const start = now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < operations; i = next++) {
        const t0 = now();
        await operation(i, worker);
        latencies.push(now() - t0);
      }
    }),
  );
  const seconds = (now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    operations,
    seconds,
    opsPerSecond: operations / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
};

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A markdown table: each row a subject beside its baseline, with the ratio and the target it must meet. */
export const comparisonTable = (
  title: string,
  rows: ReadonlyArray<{
    readonly workload: string;
    readonly subject: Measurement;
    readonly baseline: Measurement;
    readonly target?: number;
  }>,
): string => {
  const lines = [
    `### ${title}`,
    '',
    '| workload | subject | ops/s | p99 ms | baseline | ops/s | p99 ms | ratio | target |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const ratio = row.subject.opsPerSecond / row.baseline.opsPerSecond;
    const verdict = row.target === undefined ? '' : `≥ ${row.target} ${ratio >= row.target ? '✔' : '✘'}`;
    lines.push(
      `| ${row.workload} | ${row.subject.name} | ${fmt(row.subject.opsPerSecond)} | ${fmt(row.subject.p99Ms, 2)} | ${row.baseline.name} | ${fmt(row.baseline.opsPerSecond)} | ${fmt(row.baseline.p99Ms, 2)} | ${fmt(ratio, 2)} | ${verdict} |`,
    );
  }
  return lines.join('\n');
};
