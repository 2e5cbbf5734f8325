import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { DATA_POINT_VALUE_MAX_LENGTH, IdvCheck, REFUSAL_DESCRIPTION_MAX_LENGTH, type IdvValueAltered } from '../../domain/idv-session/index.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { faultsOf } from '../../domain/shared/invalid-input.js';
import type { IdvCheckView, MangopayResponseInvalid } from '../ports/mangopay-api.js';

const IdvChecks = t.readonlyArray(IdvCheck, 'IdvChecks');

/**
 * A value cut to `max` UTF-16 units (never inside a surrogate pair), saying so: the bound is kept, the value is
 * recorded, and the decider flags the cut.
 */
const bounded = (value: string, max: number, isText = true): { readonly value: string; readonly valueAltered?: IdvValueAltered } => {
  if (value.length <= max) return isText ? { value } : { value, valueAltered: 'JSON_TEXT' };
  const cut = value.slice(0, max);
  return { value: /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut, valueAltered: 'TRUNCATED' };
};

/**
 * Mangopay's checks in the domain's shape: every reason, in Mangopay's order (seed 000 gave one REFUSAL_REASON,
 * today's `Reasons` has one or more; cutting to the first lost the others). A value over the domain's bound is cut
 * there and marked (`valueAltered`), a value that was not text is kept as its JSON text and marked, a missing
 * CheckStatus is left absent: all recorded, the decider flags them. What still does not fit is a typed error.
 */
export const idvChecksFromView = (
  checks: ReadonlyArray<IdvCheckView>,
): E.Either<MangopayResponseInvalid, ReadonlyArray<IdvCheck>> => {
  const candidate = checks.map((check) => ({
    checkId: check.checkId,
    type: check.type,
    ...(check.status === null ? {} : { status: check.status }),
    dataPoints: check.data.map((point) => ({ type: point.type, ...bounded(point.value, DATA_POINT_VALUE_MAX_LENGTH, point.valueIsText) })),
    ...(check.refusals.length === 0
      ? {}
      : {
          reasons: check.refusals.map((refusal) => ({
            ...(refusal.reason === null ? {} : { type: refusal.reason }),
            ...(refusal.description === null ? {} : bounded(refusal.description, REFUSAL_DESCRIPTION_MAX_LENGTH)),
          })),
        }),
  }));
  const decoded = IdvChecks.decode(candidate);
  return E.isRight(decoded)
    ? decoded
    : E.left({
        ...domainError('MANGOPAY_RESPONSE_INVALID', "Mangopay's session checks do not fit the domain"),
        status: 200,
        faults: faultsOf(decoded.left).map((fault) => ({ path: `Checks.${fault.path}`, rule: fault.rule })),
      });
};
