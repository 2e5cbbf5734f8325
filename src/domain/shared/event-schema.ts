import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { domainError, type DomainError } from './domain-error.js';
import { faultsOf, type InputFault } from './invalid-input.js';

/** An event as it travels to and from a store: its type, the version of its shape, and plain JSON data. */
export interface SerializedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Lifts the data of an older schema version one step up. Upcasters are pure and never fail. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly up: (data: unknown) => unknown;
}

export interface EventDecodeError extends DomainError<'EVENT_DECODE_FAILED'> {
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly faults: ReadonlyArray<InputFault>;
}

/** One event type of an aggregate: its codec and the current version of its shape. */
export interface EventShape {
  readonly codec: t.Mixed;
  readonly version: number;
}

/**
 * An aggregate's events, declared once: type → shape. Each key is the `type` its codec decodes, so no event can
 * be filed under another's name. The aggregate's union (`EventOf`, `eventUnion`) and its schema come from it.
 */
export type EventShapes<Shapes> = {
  readonly [K in keyof Shapes]: EventShape & { readonly codec: t.Decoder<unknown, { readonly type: K }> };
};

/** The event union a map of shapes declares. */
export type EventOf<Shapes extends EventShapes<Shapes>> = { [K in keyof Shapes]: t.TypeOf<Shapes[K]['codec']> }[keyof Shapes];

/** The io-ts codec of the event union a map of shapes declares (at least two event types). */
export const eventUnion = <Shapes extends EventShapes<Shapes>>(name: string, shapes: Shapes): t.Type<EventOf<Shapes>, unknown, unknown> => {
  const codecs = Object.values(shapes as Readonly<Record<string, EventShape>>).map((shape) => shape.codec);
  return t.union(codecs as unknown as [t.Mixed, t.Mixed, ...t.Mixed[]], name);
};

export interface EventSchema<Event extends { readonly type: string }> {
  readonly encode: (event: Event) => SerializedEvent;
  readonly decode: (serialized: SerializedEvent) => E.Either<EventDecodeError, Event>;
  readonly types: ReadonlyArray<Event['type']>;
  readonly versionOf: (type: Event['type']) => number;
  readonly codecOf: (type: Event['type']) => t.Mixed;
}

/** A stored event that does not decode, by type, version and faults (never by value). */
export const eventDecodeFailure = (eventType: string, schemaVersion: number, faults: ReadonlyArray<InputFault>): EventDecodeError =>
  domainError(
    'EVENT_DECODE_FAILED',
    `Event ${eventType} v${schemaVersion} does not decode: ${faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`,
    { eventType, schemaVersion, faults },
  );

/**
 * The one place events are encoded and decoded. Each event type has a codec and a current schema
 * version; data written under an older version is lifted by the upcasters before it is decoded.
 */
export const eventSchema = <Event extends { readonly type: string }>(
  shapes: { readonly [K in Event['type']]: EventShape },
  upcasters: ReadonlyArray<Upcaster> = [],
): EventSchema<Event> => {
  const byType = new Map<string, EventShape>(Object.entries(shapes) as Array<[string, EventShape]>);
  const upcastersByKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u.up] as const));
  const shapeOf = (type: string): EventShape => {
    const shape = byType.get(type);
    if (shape === undefined) throw new Error(`no schema for event type ${type}`);
    return shape;
  };
  return {
    types: [...byType.keys()] as Array<Event['type']>,
    versionOf: (type) => shapeOf(type).version,
    codecOf: (type) => shapeOf(type).codec,
    encode: (event) => {
      const shape = shapeOf(event.type);
      return { type: event.type, schemaVersion: shape.version, data: shape.codec.encode(event) };
    },
    decode: ({ type, schemaVersion, data }) => {
      const shape = byType.get(type);
      if (shape === undefined) return E.left(eventDecodeFailure(type, schemaVersion, [{ path: 'type', rule: 'KnownEventType' }]));
      if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > shape.version) {
        return E.left(eventDecodeFailure(type, schemaVersion, [{ path: 'schemaVersion', rule: 'SupportedSchemaVersion' }]));
      }
      let current = data;
      for (let version = schemaVersion; version < shape.version; version++) {
        const up = upcastersByKey.get(`${type}@${version}`);
        if (up === undefined) {
          return E.left(eventDecodeFailure(type, schemaVersion, [{ path: 'schemaVersion', rule: 'UpcasterAvailable' }]));
        }
        current = up(current);
      }
      const decoded = shape.codec.decode(current);
      return E.isRight(decoded)
        ? (decoded as E.Either<never, Event>)
        : E.left(eventDecodeFailure(type, schemaVersion, faultsOf(decoded.left)));
    },
  };
};
