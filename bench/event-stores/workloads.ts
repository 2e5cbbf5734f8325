import { measure, measureConcurrent, type Measurement } from '../lib/measure.js';
import { batchOf, benchEvent, type BenchSubject } from './bench-subject.js';

export interface WorkloadSizes {
  readonly singleAppends: number;
  readonly concurrentAppends: number;
  readonly batchAppends: number;
  /** Batches of 10 shared by the 16 writers. */
  readonly concurrentBatchAppends: number;
  readonly streamReads: number;
  /** Events in the store when readAll catch-up is timed (the earlier workloads' events included). */
  readonly catchUpEvents: number;
}

export const WORKLOADS = {
  singleWriter: '1 writer, 1 event per append, expected version (appends/s)',
  sixteenWriters: '16 writers on 16 streams, 1 event per append (appends/s)',
  batchesOfTen: 'batches of 10, 1 writer (events/s)',
  sixteenWritersBatchesOfTen: '16 writers on 16 streams, batches of 10 (events/s)',
  readStream1000: 'read a 1,000-event stream (reads/s)',
  catchUp: 'readAll catch-up, pages of 1,000 (events/s)',
} as const;

export type Workload = keyof typeof WORKLOADS;

/** The workloads that only append: what a plain INSERT can be compared on. */
export const APPEND_WORKLOADS: ReadonlyArray<Workload> = ['singleWriter', 'sixteenWriters', 'batchesOfTen', 'sixteenWritersBatchesOfTen'];

/** A measurement counted in events rather than calls (a call moved `events` events). */
const inEvents = (measurement: Measurement, events: number): Measurement => ({
  ...measurement,
  operations: measurement.operations * events,
  opsPerSecond: measurement.opsPerSecond * events,
});

/**
 * The workloads of one subject, each runnable more than once (the bench interleaves subjects and keeps
 * each one's best run, so that neither the order nor a noisy neighbour decides the ratio).
 */
export const workloadsOf = (subject: BenchSubject, sizes: WorkloadSizes): { readonly [W in Workload]: () => Promise<Measurement> } => {
  const run = Math.random().toString(36).slice(2, 8);
  const versions = new Map<string, number>();
  let round = 0;
  let stored = 0;
  const appendNext = async (stream: string, events: ReturnType<typeof batchOf>): Promise<void> => {
    const version = versions.get(stream) ?? 0;
    await subject.append(stream, version, events);
    versions.set(stream, version + events.length);
    stored += events.length;
  };
  const longStream = `long-${run}`;
  return {
    // One writer appending to its own streams, one event per call, with its expected version.
    singleWriter: () => {
      round++;
      return measure(subject.name, sizes.singleAppends, (i) => appendNext(`single-${run}-${round}-${i < 0 ? 'warm' : i % 50}`, [benchEvent(i)]));
    },
    // 16 writers on 16 streams at once: each call carries its stream's expected version.
    sixteenWriters: () => measureConcurrent(subject.name, sizes.concurrentAppends, 16, (i, worker) => appendNext(`writer-${run}-${worker}`, [benchEvent(i)])),
    batchesOfTen: async () => {
      round++;
      const timed = await measure(subject.name, sizes.batchAppends, (i) => appendNext(`batch-${run}-${round}-${i < 0 ? 'warm' : i % 20}`, batchOf(10, i)));
      return inEvents(timed, 10);
    },
    sixteenWritersBatchesOfTen: async () => {
      round++;
      const timed = await measureConcurrent(subject.name, sizes.concurrentBatchAppends, 16, (i, worker) => appendNext(`batch-writer-${run}-${round}-${worker}`, batchOf(10, i)));
      return inEvents(timed, 10);
    },
    readStream1000: async () => {
      for (let i = versions.get(longStream) ?? 0; i < 1000; i += 10) await appendNext(longStream, batchOf(10, i));
      return measure(subject.name, sizes.streamReads, async () => {
        if ((await subject.readStream(longStream)) !== 1000) throw new Error(`${subject.name}: the long stream does not hold 1,000 events`);
      });
    },
    // Fill up to the catch-up size, then read the whole global order in pages of 1,000.
    catchUp: async () => {
      for (let i = 0; stored < sizes.catchUpEvents; i++) await appendNext(`fill-${run}-${i % 200}`, batchOf(100, i));
      let after: bigint | undefined;
      let total = 0;
      const timed = await measure(
        subject.name,
        Math.ceil(stored / 1000),
        async (i) => {
          if (i < 0) return subject.readAllPage(undefined, 1000);
          const page = await subject.readAllPage(after, 1000);
          after = page.last;
          total += page.count;
          return page;
        },
        { warmup: 3 },
      );
      return { ...timed, operations: total, opsPerSecond: total / timed.seconds };
    },
  };
};
