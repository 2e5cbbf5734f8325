import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, GlobalPosition, JsonObject, RecordedEvent } from '../../application/ports/event-store.js';

/** Runs a task and returns its Right; a Left fails the check with the error's type and message. */
export const right = async <A>(task: TaskEither<{ readonly type: string; readonly message: string }, A>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.type}: ${result.left.message}`);
  return result.right;
};

/** Runs a task and returns its Left; a Right fails the check. */
export const left = async <L>(task: TaskEither<L, unknown>): Promise<L> => {
  const result = await task();
  if (E.isRight(result)) throw new Error('expected a failure, got success');
  return result.left;
};

export const streamName = (category = 'conformance'): string => `${category}-${randomUUID()}`;

export const anEvent = (data: JsonObject = { value: 1 }, type = 'ConformanceChecked'): EventToAppend => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { commandId: randomUUID(), occurredAt: '2026-01-01T00:00:00.000Z' },
});

export const events = (count: number, data: (i: number) => JsonObject = (i) => ({ i })): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(data(i)));

/** The fields a store must give back exactly as they were appended. */
export const asAppended = (event: RecordedEvent): EventToAppend => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
});

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the global order page by page from `after` until `expected` events have come, or the deadline
 * passes. A store may hold back events behind a transaction still in flight (anywhere in its database),
 * so an empty page is not the end until the deadline: the port promises no skipping, not instant visibility.
 */
export const readAllUntil = async (
  store: EventStore,
  expected: number,
  options: { readonly after?: GlobalPosition; readonly pageSize?: number; readonly deadlineMs?: number } = {},
): Promise<RecordedEvent[]> => {
  const collected: RecordedEvent[] = [];
  let after = options.after;
  const deadline = Date.now() + (options.deadlineMs ?? 15_000);
  while (collected.length < expected) {
    const page = await right(store.readAll({ ...(after === undefined ? {} : { after }), maxCount: options.pageSize ?? 1000 }));
    const last = page[page.length - 1];
    if (last === undefined) {
      if (Date.now() > deadline) break;
      await pause(20);
      continue;
    }
    collected.push(...page);
    after = last.globalPosition;
  }
  return collected;
};

export const isStrictlyIncreasing = (positions: ReadonlyArray<GlobalPosition>): boolean =>
  positions.every((position, i) => i === 0 || position > (positions[i - 1] as GlobalPosition));
