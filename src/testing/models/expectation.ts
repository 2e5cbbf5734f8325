import { sameData } from './same-data.js';
import * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../../application/command-handling/command-handler.js';

/** An event as a model predicts it: its type and the fields the model knows (others are not compared). */
export type ExpectedEvent = { readonly type: string } & Readonly<Record<string, unknown>>;

/** What a model says a command must do: record these events (maybe none), or be refused with one of these codes. */
export type Expectation =
  | { readonly kind: 'events'; readonly events: ReadonlyArray<ExpectedEvent> }
  | { readonly kind: 'refused'; readonly oneOf: ReadonlyArray<string> };

export const recordsEvents = (...events: ReadonlyArray<ExpectedEvent>): Expectation => ({ kind: 'events', events });
export const recordsNothing: Expectation = { kind: 'events', events: [] };
export const isRefusedWith = (...oneOf: ReadonlyArray<string>): Expectation => ({ kind: 'refused', oneOf });

const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** A domain error is a value with a stable SCREAMING_SNAKE code and a human message, never anything else. */
export const isTypedError = (value: unknown): value is { readonly type: string; readonly message: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string' &&
  SCREAMING_SNAKE.test((value as { type: string }).type) &&
  typeof (value as { message?: unknown }).message === 'string' &&
  (value as { message: string }).message.length > 0;

const summary = (event: { readonly type: string }): string => JSON.stringify(event, (_key, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 80)}…` : value));

/** Throws, with what differs, unless the outcome is what the model expects. */
export const expectOutcome = <Event extends { readonly type: string }, State>(
  outcome: E.Either<unknown, Handled<Event, State>>,
  expected: Expectation,
): void => {
  if (expected.kind === 'refused') {
    if (E.isRight(outcome)) throw new Error(`expected a refusal (${expected.oneOf.join(' or ')}), got events ${outcome.right.events.map(summary).join(', ') || '(none)'}`);
    if (!isTypedError(outcome.left)) throw new Error(`expected a typed error, got ${JSON.stringify(outcome.left)}`);
    if (!expected.oneOf.includes(outcome.left.type)) throw new Error(`expected ${expected.oneOf.join(' or ')}, got ${outcome.left.type}: ${outcome.left.message}`);
    return;
  }
  if (E.isLeft(outcome)) throw new Error(`expected ${expected.events.map((e) => e.type).join(', ') || 'no events'}, got ${JSON.stringify(outcome.left)}`);
  const { events, replayed } = outcome.right;
  if (replayed) throw new Error('a new command was answered as a replay');
  const mismatch = () =>
    new Error(`expected events ${expected.events.map(summary).join(', ') || '(none)'}, got ${events.map(summary).join(', ') || '(none)'}`);
  if (events.length !== expected.events.length) throw mismatch();
  expected.events.forEach((want, i) => {
    const got = events[i] as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(want)) if (!sameData(got[key], value)) throw mismatch();
  });
};
