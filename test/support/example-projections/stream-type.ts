import type { Projection } from '../../../src/application/projections/index.js';

/** The example projections count events per stream type: the stream name's prefix before the first '-'. */
export const streamTypeOf = (streamName: string): string => streamName.split('-')[0] ?? streamName;

export const EXAMPLE_PROJECTION_NAME = 'example-events-per-stream-type';

/** A read model the scenario can inspect, whatever store it lives in. */
export interface ExampleReadModel<Tx> {
  readonly projection: Projection<Tx, { readonly type: string; readonly message: string }>;
  readonly counts: () => Promise<Readonly<Record<string, number>>>;
}
