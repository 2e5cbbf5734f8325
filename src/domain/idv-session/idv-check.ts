import * as t from 'io-ts';
import { MangopayId } from '../shared/bounded-string.js';
import { literals, struct } from '../shared/codec-helpers.js';
import { personal } from '../shared/personal-data.js';
import { recognized } from '../shared/recognized.js';
import { IdvCheckStatus, IdvCheckType, IdvDataPointType, IdvRefusalReason } from './idv-session.vocabulary.js';

/** The bounds kept on what Mangopay sends (characters): a longer value is cut there and flagged, never refused. */
export const DATA_POINT_VALUE_MAX_LENGTH = 255;
export const REFUSAL_DESCRIPTION_MAX_LENGTH = 1000;

/** A data point's value as recorded: at most 255 characters; an empty one is kept (and flagged). */
const DataPointValue = t.refinement(t.string, (s) => s.length <= DATA_POINT_VALUE_MAX_LENGTH, 'DataPointValue');
/** Free text from Mangopay's agent explaining a refusal: at most 1,000 characters. */
const RefusalDescription = t.refinement(t.string, (s) => s.length <= REFUSAL_DESCRIPTION_MAX_LENGTH, 'RefusalDescription');

/**
 * How a recorded value differs from what Mangopay sent: cut to its bound (`TRUNCATED`), or not a string at all
 * (`JSON_TEXT`: a boolean, null, an object, kept as its JSON text). Absent when it is what Mangopay sent.
 */
export const IdvValueAltered = literals('IdvValueAltered', ['TRUNCATED', 'JSON_TEXT']);
export type IdvValueAltered = t.TypeOf<typeof IdvValueAltered>;

/**
 * One verified data point (Type and Value). Values are personal data: never logged or echoed, stored
 * encrypted, and read as the `Erased` marker once the user's key is destroyed.
 */
export const IdvDataPoint = struct(
  'IdvDataPoint',
  { type: recognized(IdvDataPointType), value: personal(DataPointValue) },
  { valueAltered: IdvValueAltered },
);
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
  { type: recognized(IdvRefusalReason), value: personal(RefusalDescription), valueAltered: IdvValueAltered },
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
    dataPoints: t.readonlyArray(IdvDataPoint),
  },
  {
    // Absent only when Mangopay sent no CheckStatus (recorded all the same, with an anomaly).
    status: recognized(IdvCheckStatus),
    // Absent when Mangopay gives none (a validated check), so a check without reasons has one shape only.
    reasons: t.readonlyArray(IdvCheckReason),
  },
);
export type IdvCheck = t.TypeOf<typeof IdvCheck>;
