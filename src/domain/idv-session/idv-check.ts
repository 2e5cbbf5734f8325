import * as t from 'io-ts';
import { MangopayId } from '../shared/bounded-string.js';
import { struct } from '../shared/codec-helpers.js';
import { personal } from '../shared/personal-data.js';
import { recognized } from '../shared/recognized.js';
import { IdvCheckStatus, IdvCheckType, IdvDataPointType, IdvRefusalReason } from './idv-session.vocabulary.js';

/** A data point's value as Mangopay returns it: 1 to 255 characters. */
const DataPointValue = t.refinement(t.string, (s) => s.length >= 1 && s.length <= 255, 'DataPointValue');
/** Free text from Mangopay's agent explaining a refusal: at most 1,000 characters. */
const RefusalDescription = t.refinement(t.string, (s) => s.length <= 1000, 'RefusalDescription');

/**
 * One verified data point (Type and Value). Values are personal data: never logged or echoed, stored
 * encrypted, and read as the `Erased` marker once the user's key is destroyed.
 */
export const IdvDataPoint = struct('IdvDataPoint', { type: recognized(IdvDataPointType), value: personal(DataPointValue) });
export type IdvDataPoint = t.TypeOf<typeof IdvDataPoint>;

/**
 * One entry of a check's `Reasons` ("one or more objects containing Type and Value fields", hosted IDV refusals
 * page): the reason type, and the comment (automatic, or custom text from the agent who reviewed the session).
 * Both optional so that a reason Mangopay sends without one is kept, not a failed reconciliation.
 */
export const IdvCheckReason = struct(
  'IdvCheckReason',
  {},
  // The comment may be free text from Mangopay's support agent: personal, like the data points.
  { type: recognized(IdvRefusalReason), value: personal(RefusalDescription) },
);
export type IdvCheckReason = t.TypeOf<typeof IdvCheckReason>;

/**
 * One check carried out during a session: its type and its own status as Mangopay gives them, its data points,
 * and, when it gives any, every reason (seed 000 had one REFUSAL_REASON; today's `Reasons` has one or more).
 */
export const IdvCheck = struct(
  'IdvCheck',
  {
    checkId: MangopayId,
    type: recognized(IdvCheckType),
    status: recognized(IdvCheckStatus),
    dataPoints: t.readonlyArray(IdvDataPoint),
  },
  // Absent when Mangopay gives none (a validated check), so a check without reasons has one shape only.
  { reasons: t.readonlyArray(IdvCheckReason) },
);
export type IdvCheck = t.TypeOf<typeof IdvCheck>;
