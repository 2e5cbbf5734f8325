import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { summarizeEvent, type AuditedEvent } from '../../application/audit/index.js';
import type { Aggregate } from '../../application/command-handling/aggregate.js';
import type { PersonalDataUnreadable, StoredEventUnreadable } from '../../application/command-handling/command-handling-errors.js';
import { readDecodedStream } from '../../application/command-handling/load-aggregate.js';
import { locatePersonalFields, replacePersonalFields } from '../../application/command-handling/personal-field-locations.js';
import type { EventStore, ReadError, RecordedEvent } from '../../application/ports/event-store.js';
import type { PersonalDataVault } from '../../application/ports/personal-data-vault.js';
import type { Transition } from '../../domain/shared/transition-table.js';
import { isErased } from '../../domain/shared/personal-data.js';

export type AnyAggregate = Aggregate<unknown, AuditedEvent, unknown, unknown>;

/** An aggregate with what its diagram is drawn from. */
export interface ConsoleAggregate {
  readonly aggregate: AnyAggregate;
  readonly transitions: ReadonlyArray<Transition<string, string, string>>;
  readonly lifecycle: ReadonlyArray<string>;
}

/** Where an event came from, as an auditor asks it. */
export type EventSource = 'platform command' | 'hook' | 'sweep' | 'inferred step' | 'divergence' | 'anomaly' | 'erasure';

/** A personal value of an event: by place and kind; its value only leaves the server through a recorded reveal. */
export interface PersonalPoint {
  readonly field: string;
  readonly label: string;
  readonly erased: boolean;
}

export interface ConsoleEntry {
  readonly streamVersion: number;
  readonly occurredAt: string;
  readonly commandId: string;
  readonly type: string;
  readonly sources: ReadonlyArray<EventSource>;
  /** The audit summary, with every personal value masked. */
  readonly summary: string;
  readonly divergence: boolean;
  readonly anomalies: ReadonlyArray<{ readonly path: string; readonly rule: string }>;
  readonly personal: ReadonlyArray<PersonalPoint>;
  /** The aggregate's status after this event. */
  readonly statusAfter: string;
}

export interface ConsoleStream {
  readonly streamName: string;
  readonly kind: string;
  readonly entries: ReadonlyArray<ConsoleEntry>;
  readonly status: string;
  readonly subject: ConsoleAggregate;
}

export type UnreadableStream = StoredEventUnreadable | PersonalDataUnreadable;

export const MASK = '••••••';

const pathOf = (at: ReadonlyArray<string | number>): string => at.join('.');

const word = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'object' && value !== null && typeof (value as { unrecognized?: unknown }).unrecognized === 'string' ? (value as { unrecognized: string }).unrecognized : undefined;

/** What a personal value is: its parent's `type` (a data point's, a reason's) with its check's, or the field's own name. */
const labelOf = (data: unknown, at: ReadonlyArray<string | number>): string => {
  const parts: string[] = [];
  let node: unknown = data;
  for (const step of at.slice(0, -1)) {
    node = (node as Record<string | number, unknown>)[step];
    const type = word((node as { type?: unknown } | undefined)?.type);
    if (type !== undefined && typeof step === 'number') parts.push(type);
  }
  const last = String(at[at.length - 1]);
  return parts.length > 0 ? `${parts.join(' / ')}${last === 'value' ? '' : ` (${last})`}` : last;
};

const sourcesOf = (recorded: RecordedEvent, event: AuditedEvent, anomalies: number): ReadonlyArray<EventSource> => {
  const sources: EventSource[] = [];
  const commandId = recorded.metadata.commandId;
  if (event.type.endsWith('StatusDiverged')) sources.push('divergence');
  else if (event.type === 'PersonalDataErased') sources.push('erasure');
  else if ('source' in event && event.source === 'inferred') sources.push('inferred step');
  else if (commandId.startsWith('hook-')) sources.push('hook');
  else if (commandId.startsWith('sweep-')) sources.push('sweep');
  else sources.push('platform command');
  if (anomalies > 0) sources.push('anomaly');
  return sources;
};

const fieldsOf = (subject: ConsoleAggregate, type: string): ReadonlyArray<string> =>
  ((subject.aggregate.personalData?.fields ?? {}) as Readonly<Record<string, ReadonlyArray<string>>>)[type] ?? [];

/** One stream as the console shows it: decoded with the vault, every personal value masked in what is rendered. */
export const consoleStream =
  (store: EventStore, vault: PersonalDataVault | undefined, subject: ConsoleAggregate) =>
  (streamName: string): TaskEither<ReadError | UnreadableStream, ConsoleStream> =>
  async () => {
    const read = await readDecodedStream(store, subject.aggregate, streamName, vault)();
    if (E.isLeft(read)) return read;
    const decider = subject.aggregate.decider as unknown as { initialState: unknown; evolve: (s: unknown, e: unknown) => unknown };
    let state = decider.initialState;
    const entries = read.right.recorded.map((recorded, i): ConsoleEntry => {
      const event = read.right.events[i] as AuditedEvent;
      state = decider.evolve(state, event);
      const paths = fieldsOf(subject, event.type);
      const located = locatePersonalFields(recorded.data, paths);
      const masked = replacePersonalFields(
        event,
        locatePersonalFields(event, paths)
          .filter((l) => typeof l.value === 'string')
          .map((l) => ({ at: l.at, value: MASK })),
      ) as AuditedEvent;
      const anomalies = ('anomalies' in event ? event.anomalies ?? [] : []).map((a) => ({ path: a.path, rule: a.rule }));
      return {
        streamVersion: recorded.streamVersion,
        occurredAt: recorded.metadata.occurredAt,
        commandId: recorded.metadata.commandId,
        type: recorded.type,
        sources: sourcesOf(recorded, event, anomalies.length),
        summary: summarizeEvent(masked),
        divergence: event.type.endsWith('StatusDiverged'),
        anomalies,
        personal: located.map((l) => ({ field: pathOf(l.at), label: labelOf(recorded.data, l.at), erased: isErased(l.value) })),
        statusAfter: String((state as { status?: unknown }).status ?? ''),
      };
    });
    return E.right({ streamName, kind: subject.aggregate.name, entries, status: String((state as { status?: unknown }).status ?? ''), subject });
  };

/**
 * The one value a reveal asks for: the opened value at `field` of the event at `streamVersion`, or undefined when
 * there is none there (the place is checked against the aggregate's declaration, so nothing else can be asked for).
 */
export const personalValueAt =
  (store: EventStore, vault: PersonalDataVault | undefined, subject: ConsoleAggregate) =>
  (streamName: string, streamVersion: number, field: string): TaskEither<ReadError | UnreadableStream, { readonly value: unknown; readonly label: string } | undefined> =>
  async () => {
    const read = await readDecodedStream(store, subject.aggregate, streamName, vault)();
    if (E.isLeft(read)) return read;
    const recorded = read.right.recorded.find((r) => r.streamVersion === streamVersion);
    if (recorded === undefined) return E.right(undefined);
    const found = locatePersonalFields(recorded.data, fieldsOf(subject, recorded.type)).find((l) => pathOf(l.at) === field);
    return E.right(found === undefined ? undefined : { value: found.value, label: labelOf(recorded.data, found.at) });
  };
