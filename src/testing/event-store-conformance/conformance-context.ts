import type { EventStore } from '../../application/ports/event-store.js';

/** What a conformance run needs from an adapter: a fresh, empty store per check, and a way to dispose of it. */
export interface EventStoreUnderTest {
  readonly store: EventStore;
  /** Releases whatever the factory created (schema, file, connection). Runs after the check, even if the store was closed. */
  readonly teardown: () => Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreUnderTest>;

/**
 * Guarantees an adapter's backend cannot give. Each is named with the reason; its checks are then
 * reported as skipped with that reason in their title, never counted as passed.
 */
export type Limitation =
  /** The backend does not keep event ids unique across streams or compare the content of a replayed id. */
  'event-ids-checked-across-streams-and-content';

export interface ConformanceOptions {
  readonly limitations?: { readonly [L in Limitation]?: string };
  /**
   * Moves the backend's position counter to just before the next value where the way it writes positions
   * changes (PostgreSQL: a transaction id about to gain a digit, 999 → 1000), and describes where it now is.
   * With it, the read-all checks page across that boundary; an adapter whose positions have no such
   * boundary leaves it out, and those checks say so in their titles.
   */
  readonly approachPositionBoundary?: () => Promise<string>;
}

/** Handed to each group of checks: the store of the check that is running. */
export interface ConformanceContext {
  readonly store: () => EventStore;
  readonly options: ConformanceOptions;
}
