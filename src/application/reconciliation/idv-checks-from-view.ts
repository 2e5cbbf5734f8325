import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { IdvCheck } from '../../domain/idv-session/index.js';
import { domainError } from '../../domain/shared/domain-error.js';
import { faultsOf } from '../../domain/shared/invalid-input.js';
import type { IdvCheckView, MangopayResponseInvalid } from '../ports/mangopay-api.js';

const IdvChecks = t.readonlyArray(IdvCheck, 'IdvChecks');

/**
 * Mangopay's checks in the domain's shape: every reason, in Mangopay's order (seed 000 gave one REFUSAL_REASON,
 * today's `Reasons` has one or more; cutting to the first lost the others). Values go through the domain's codecs: a data point Mangopay sends
 * that the domain cannot hold is a typed error naming where, never a silent truncation.
 */
export const idvChecksFromView = (
  checks: ReadonlyArray<IdvCheckView>,
): E.Either<MangopayResponseInvalid, ReadonlyArray<IdvCheck>> => {
  const candidate = checks.map((check) => ({
    checkId: check.checkId,
    type: check.type,
    status: check.status,
    dataPoints: check.data.map((point) => ({ type: point.type, value: point.value })),
    ...(check.refusals.length === 0
      ? {}
      : {
          reasons: check.refusals.map((refusal) => ({
            ...(refusal.reason === null ? {} : { type: refusal.reason }),
            ...(refusal.description === null ? {} : { value: refusal.description }),
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
