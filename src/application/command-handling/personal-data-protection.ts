import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { SerializedEvent } from '../../domain/shared/event-schema.js';
import { ERASED, isErased, type PersonalDataDeclaration, type PersonalFieldPath } from '../../domain/shared/personal-data.js';
import type { JsonValue, RecordedEvent } from '../ports/event-store.js';
import { isSealedToken, type PersonalDataVault } from '../ports/personal-data-vault.js';
import type { PersonalDataNotSealed, PersonalDataUnreadable } from './command-handling-errors.js';
import { describeLocation, locatePersonalFields, replacePersonalFields, type PersonalFieldLocation } from './personal-field-locations.js';

/** What the protection needs of an aggregate: its name (for messages) and its declaration. */
export interface PersonalDataHolder<Event extends { readonly type: string }, State> {
  readonly name: string;
  readonly personalData?: PersonalDataDeclaration<Event, State>;
}

const pathsOf = (declaration: PersonalDataDeclaration<{ readonly type: string }, unknown>, eventType: string): ReadonlyArray<PersonalFieldPath> =>
  // Own keys only: a stored type such as `constructor` must not reach Object.prototype.
  Object.prototype.hasOwnProperty.call(declaration.fields, eventType)
    ? (declaration.fields as Readonly<Record<string, ReadonlyArray<PersonalFieldPath>>>)[eventType]!
    : [];

/**
 * Seals the personal fields of events about to be appended, for the subject the aggregate names in the state
 * they lead to. One vault call for the whole batch. Without a vault, or without personal fields, the events
 * go as they are.
 */
export const sealPersonalFields =
  <Event extends { readonly type: string }, State>(
    vault: PersonalDataVault | undefined,
    aggregate: PersonalDataHolder<Event, State>,
    stateAfter: State,
    streamName: string,
    events: ReadonlyArray<SerializedEvent>,
  ): TaskEither<PersonalDataNotSealed, ReadonlyArray<SerializedEvent>> =>
  async () => {
    const declaration = aggregate.personalData;
    if (vault === undefined || declaration === undefined) return E.right(events);
    const found = events.map((event) =>
      locatePersonalFields(event.data, pathsOf(declaration as PersonalDataDeclaration<{ readonly type: string }, unknown>, event.type)).filter((f) => !isErased(f.value) && !isSealedToken(f.value)),
    );
    const values = found.flat().map((f) => f.value as JsonValue);
    if (values.length === 0) return E.right(events);
    const subject = declaration.subjectOf(stateAfter);
    if (subject === undefined) {
      const cause = { type: 'PERSONAL_DATA_SUBJECT_UNKNOWN' as const, message: `${aggregate.name} names no subject for its personal data` };
      return E.left({ type: 'PERSONAL_DATA_NOT_SEALED', message: `Personal data for ${streamName} not sealed: ${cause.message}`, streamName, cause });
    }
    const sealed = await vault.seal(subject, values)();
    if (E.isLeft(sealed)) {
      return E.left({
        type: 'PERSONAL_DATA_NOT_SEALED',
        message: `Personal data for ${streamName} not sealed: ${sealed.left.message}`,
        streamName,
        cause: sealed.left,
      });
    }
    let next = 0;
    return E.right(
      events.map((event, i) => {
        const here = found[i] as ReadonlyArray<PersonalFieldLocation>;
        if (here.length === 0) return event;
        const replacements = here.map((f) => ({ at: f.at, value: sealed.right[next++] }));
        return { ...event, data: replacePersonalFields(event.data, replacements) };
      }),
    );
  };

/**
 * Opens the sealed personal fields of recorded events, one vault call for all of them; a field whose key
 * was destroyed opens as the `Erased` marker. Sealed data with no vault to open it is an error, never
 * passed on as if the token were the value.
 */
export const openPersonalFields =
  <Event extends { readonly type: string }, State>(
    vault: PersonalDataVault | undefined,
    aggregate: PersonalDataHolder<Event, State>,
    recorded: ReadonlyArray<RecordedEvent>,
  ): TaskEither<PersonalDataUnreadable, ReadonlyArray<RecordedEvent>> =>
  async () => {
    const declaration = aggregate.personalData as PersonalDataDeclaration<{ readonly type: string }, unknown> | undefined;
    if (declaration === undefined) return E.right(recorded);
    const found = recorded.map((event) => locatePersonalFields(event.data, pathsOf(declaration, event.type)).filter((f) => isSealedToken(f.value)));
    const owners = found.flatMap((locations, i) => locations.map((location) => ({ event: recorded[i] as RecordedEvent, location })));
    const first = owners[0];
    if (first === undefined) return E.right(recorded);
    const unreadable = (owner: typeof first, cause: PersonalDataUnreadable['cause']): PersonalDataUnreadable => {
      const path = describeLocation(owner.location.at);
      return {
        type: 'PERSONAL_DATA_UNREADABLE',
        message: `Personal field ${path} of event ${owner.event.streamVersion} of stream ${owner.event.streamName} does not open: ${cause.message}`,
        streamName: owner.event.streamName,
        streamVersion: owner.event.streamVersion,
        path,
        cause,
      };
    };
    if (vault === undefined) {
      return E.left(unreadable(first, { type: 'PERSONAL_DATA_VAULT_MISSING', message: 'the store holds sealed personal data and no vault was given to open it' }));
    }
    const opened = await vault.open(owners.map((o) => o.location.value as string))();
    if (E.isLeft(opened)) {
      const index = 'index' in opened.left ? opened.left.index : 0;
      return E.left(unreadable(owners[index] ?? first, opened.left));
    }
    let next = 0;
    return E.right(
      recorded.map((event, i) => {
        const here = found[i] as ReadonlyArray<PersonalFieldLocation>;
        if (here.length === 0) return event;
        const replacements = here.map((f) => ({ at: f.at, value: opened.right[next++] }));
        return { ...event, data: replacePersonalFields(event.data, replacements) as RecordedEvent['data'] };
      }),
    );
  };

/**
 * A recorded event as a reader that holds no personal data takes it (the read model, the console's index): every
 * declared personal field reads as erased, whatever the store holds there (a sealed token, a plain value), so no
 * personal value is decoded, kept or echoed, and no vault is needed.
 */
export const personalFieldsAsErased = <Event extends { readonly type: string }, State>(
  aggregate: PersonalDataHolder<Event, State>,
  recorded: RecordedEvent,
): RecordedEvent => {
  const declaration = aggregate.personalData as PersonalDataDeclaration<{ readonly type: string }, unknown> | undefined;
  if (declaration === undefined) return recorded;
  const found = locatePersonalFields(recorded.data, pathsOf(declaration, recorded.type));
  if (found.length === 0) return recorded;
  const replacements = found.map((f) => ({ at: f.at, value: ERASED }));
  return { ...recorded, data: replacePersonalFields(recorded.data, replacements) as RecordedEvent['data'] };
};
