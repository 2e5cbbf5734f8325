import * as E from 'fp-ts/lib/Either.js';
import { ISO_3166_ALPHA_2 } from '../shared/country-code.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { InputFault } from '../shared/invalid-input.js';
import { isErased } from '../shared/personal-data.js';
import { isUnrecognized } from '../shared/recognized.js';
import type { PersonType } from '../user-kyc/user-kyc.vocabulary.js';
import type { IdvCheck } from './idv-check.js';
import {
  IDV_CHECKS_BY_PERSON_TYPE,
  IDV_DATA_POINT_FORMATS,
  IDV_REFUSAL_REASONS_BY_CHECK,
  type DataPointFormat,
} from './idv-check-rules.js';

export interface IdvChecksRejected extends DomainError<'IDV_CHECKS_BREAK_RULES'> {
  readonly faults: ReadonlyArray<InputFault>;
}

const valueFits: { readonly [F in DataPointFormat]: (value: string) => boolean } = {
  text: (value) => value.trim().length > 0,
  unixTimestamp: (value) => /^-?\d{1,12}$/.test(value) && Number.isSafeInteger(Number(value)),
  countryCode: (value) => ISO_3166_ALPHA_2.has(value),
};

/**
 * Checks a session's checks against seed 000 for the user's type: the check types that apply, the data
 * points each returns, the format of each value, and the refusal reasons the glossary lists for each
 * check type. Check, data point and reason types Mangopay added since are recorded as they are, unjudged.
 * An observation brings data: the erasure marker is what the log says after erasure, never an input.
 * Faults name where and which rule; values are never repeated.
 */
export const validateIdvChecks = (
  personType: PersonType,
  checks: ReadonlyArray<IdvCheck>,
): E.Either<IdvChecksRejected, ReadonlyArray<IdvCheck>> => {
  const faults: InputFault[] = [];
  const rules = IDV_CHECKS_BY_PERSON_TYPE[personType];
  const seenChecks = new Set<string>();
  checks.forEach((check, i) => {
    if (seenChecks.has(check.checkId)) faults.push({ path: `checks.${i}.checkId`, rule: 'UniqueCheckId' });
    seenChecks.add(check.checkId);
    check.dataPoints.forEach((dataPoint, j) => {
      if (isErased(dataPoint.value)) faults.push({ path: `checks.${i}.dataPoints.${j}.value`, rule: 'NotErased' });
    });
    if (isErased(check.refusalDescription)) faults.push({ path: `checks.${i}.refusalDescription`, rule: 'NotErased' });
    if (isUnrecognized(check.type)) return;
    const allowedDataPoints = rules[check.type];
    if (allowedDataPoints === undefined) {
      faults.push({ path: `checks.${i}.type`, rule: `CheckTypeFor${personType}User` });
      return;
    }
    const seenDataPoints = new Set<string>();
    check.dataPoints.forEach((dataPoint, j) => {
      if (isUnrecognized(dataPoint.type)) return;
      if (seenDataPoints.has(dataPoint.type)) faults.push({ path: `checks.${i}.dataPoints.${j}.type`, rule: 'UniqueDataPoint' });
      seenDataPoints.add(dataPoint.type);
      if (!allowedDataPoints.includes(dataPoint.type)) {
        faults.push({ path: `checks.${i}.dataPoints.${j}.type`, rule: `DataPointOf${check.type}` });
        return;
      }
      const format = IDV_DATA_POINT_FORMATS[dataPoint.type];
      if (isErased(dataPoint.value)) return;
      if (!valueFits[format](dataPoint.value)) {
        faults.push({ path: `checks.${i}.dataPoints.${j}.value`, rule: format === 'text' ? 'NonBlankText' : format === 'unixTimestamp' ? 'UnixTimestamp' : 'CountryCode' });
      }
    });
    if (check.refusalReason !== undefined && !isUnrecognized(check.refusalReason)) {
      if (!IDV_REFUSAL_REASONS_BY_CHECK[check.type].includes(check.refusalReason)) {
        faults.push({ path: `checks.${i}.refusalReason`, rule: `RefusalReasonOf${check.type}` });
      }
    }
  });
  return faults.length === 0
    ? E.right(checks)
    : E.left(
        domainError('IDV_CHECKS_BREAK_RULES', `The session's checks break seed 000's rules: ${faults.map((f) => `${f.path} (${f.rule})`).join(', ')}`, {
          faults,
        }),
      );
};
