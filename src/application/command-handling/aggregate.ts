import type { Decider } from '../../domain/shared/decider.js';
import type { EventSchema } from '../../domain/shared/event-schema.js';
import type { PersonalDataDeclaration } from '../../domain/shared/personal-data.js';

/** What the command handler needs to know of an aggregate: its decider, how its events are (de)serialized, and its streams' names. */
export interface Aggregate<Command, Event extends { readonly type: string }, State, Error> {
  readonly name: string;
  readonly decider: Decider<Command, Event, State, Error>;
  readonly events: EventSchema<Event>;
  /** Which event fields are personal data and whose: sealed by the vault when the handler has one. Absent: none. */
  readonly personalData?: PersonalDataDeclaration<Event, State>;
}

/** One stream per aggregate instance: `<Aggregate>-<id>`, e.g. `KycDocument-8494514`. */
export const streamNameOf = (aggregate: { readonly name: string }, id: string): string => `${aggregate.name}-${id}`;
