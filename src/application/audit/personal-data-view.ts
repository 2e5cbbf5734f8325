import { isErased } from '../../domain/shared/personal-data.js';

/**
 * How a reader is shown personal fields: `shown` as recorded (or as erased), `masked` as the Masked marker
 * (an erasure still shows as such: that a value is gone is not personal data, and an auditor needs it).
 */
export type PersonalDataView = 'shown' | 'masked';

/** What a personal field reads as to a reader whose role may not see it: typed, so no reader mistakes it for a value. */
export interface Masked {
  readonly masked: true;
}

export const MASKED: Masked = { masked: true };

/** A personal field's value as `view` shows it; an absent value (null, undefined) stays absent. */
export const personalValueAs = <A>(value: A, view: PersonalDataView): A | Masked =>
  view === 'shown' || value === null || value === undefined || isErased(value) ? value : MASKED;
