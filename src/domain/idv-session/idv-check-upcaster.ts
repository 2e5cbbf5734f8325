import type { Upcaster } from '../shared/event-schema.js';
import { IDV_CHECK_STATUSES } from './idv-session.vocabulary.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A check as version 1 recorded it: one `refusalReason` and `refusalDescription` (the first of Mangopay's
 * Reasons, the others were cut), and a status from a list that had an undocumented PENDING. Version 2 keeps
 * every reason, so the one on record becomes the only reason, and a status word no longer known is kept
 * verbatim as unrecognized. Anything else is left as it is for the codec to judge.
 */
const checkV1ToV2 = (check: unknown): unknown => {
  if (!isObject(check)) return check;
  const { refusalReason, refusalDescription, ...rest } = check;
  const reason = { ...(refusalReason === undefined ? {} : { type: refusalReason }), ...(refusalDescription === undefined ? {} : { value: refusalDescription }) };
  const status = rest['status'];
  const known = typeof status !== 'string' || (IDV_CHECK_STATUSES as ReadonlyArray<string>).includes(status);
  return { ...rest, ...(known ? {} : { status: { unrecognized: status } }), ...(Object.keys(reason).length === 0 ? {} : { reasons: [reason] }) };
};

const eventV1ToV2 = (data: unknown): unknown =>
  isObject(data) && Array.isArray(data['checks']) ? { ...data, checks: data['checks'].map(checkV1ToV2) } : data;

/** The event types that carry checks, lifted from version 1 to 2. */
export const idvCheckUpcasters = (types: ReadonlyArray<string>): ReadonlyArray<Upcaster> =>
  types.map((type) => ({ type, fromVersion: 1, up: eventV1ToV2 }));
