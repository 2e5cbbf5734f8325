import type { Anomaly } from '../shared/anomaly.js';
import { ISO_3166_ALPHA_2 } from '../shared/country-code.js';
import type { InputFault } from '../shared/invalid-input.js';
import { isErased } from '../shared/personal-data.js';
import { isUnrecognized } from '../shared/recognized.js';
import type { PersonType } from '../shared/user-vocabulary.js';
import type { IdvCheck, IdvValueAltered } from './idv-check.js';
import {
  IDV_CHECKS_BY_PERSON_TYPE,
  IDV_DATA_POINT_FORMATS,
  IDV_REFUSAL_REASONS_BY_CHECK,
  type DataPointFormat,
} from './idv-check-rules.js';

const valueFits: { readonly [F in DataPointFormat]: (value: string) => boolean } = {
  text: (value) => value.trim().length > 0,
  unixTimestamp: (value) => /^-?\d{1,12}$/.test(value) && Number.isSafeInteger(Number(value)),
  countryCode: (value) => ISO_3166_ALPHA_2.has(value),
};

/**
 * An observation brings data: the erasure marker is what the log says after erasure, never an input. A check
 * that carries it is a fault of the caller, refused (the faults name where, never the value).
 */
export const erasedMarkersIn = (checks: ReadonlyArray<IdvCheck>): ReadonlyArray<InputFault> =>
  checks.flatMap((check, i) => [
    ...check.dataPoints.flatMap((dataPoint, j) => (isErased(dataPoint.value) ? [{ path: `checks.${i}.dataPoints.${j}.value`, rule: 'NotErased' }] : [])),
    ...(check.reasons ?? []).flatMap((reason, j) => (isErased(reason.value) ? [{ path: `checks.${i}.reasons.${j}.value`, rule: 'NotErased' }] : [])),
  ]);

const ALTERED_RULE: { readonly [A in IdvValueAltered]: string } = {
  TRUNCATED: 'ValueWithinBound',
  JSON_TEXT: 'ValueIsText',
};

/**
 * What Mangopay sent that a check's shape does not foresee, whatever its type: no CheckStatus, an empty data point
 * value, a value cut to its bound or that was not text. Recorded as sent (as far as the bounds allow), flagged here.
 */
const valueAnomalies = (check: IdvCheck, i: number): ReadonlyArray<Anomaly> => [
  ...(check.status === undefined ? [{ path: `checks.${i}.status`, rule: 'CheckStatusPresent' }] : []),
  ...check.dataPoints.flatMap((dataPoint, j) => [
    ...(dataPoint.value === '' ? [{ path: `checks.${i}.dataPoints.${j}.value`, rule: 'ValueNotEmpty' }] : []),
    ...(dataPoint.valueAltered === undefined ? [] : [{ path: `checks.${i}.dataPoints.${j}.value`, rule: ALTERED_RULE[dataPoint.valueAltered] }]),
  ]),
  ...(check.reasons ?? []).flatMap((reason, j) =>
    reason.valueAltered === undefined ? [] : [{ path: `checks.${i}.reasons.${j}.value`, rule: ALTERED_RULE[reason.valueAltered] }],
  ),
];

/**
 * Where a session's checks break seed 000 for the user's type (IDV_CHECKS_BREAK_RULES): the check types that
 * apply, the data points each returns, the format of each value, and the refusal reasons the glossary lists
 * for each check type. Mangopay decided them: they are recorded all the same, with these anomalies. Check,
 * data point and reason types Mangopay added since are recorded as they are, unjudged. Anomalies name where
 * and which rule; values are never repeated.
 */
export const idvCheckAnomalies = (personType: PersonType, checks: ReadonlyArray<IdvCheck>): ReadonlyArray<Anomaly> => {
  const anomalies: Anomaly[] = [];
  const rules = IDV_CHECKS_BY_PERSON_TYPE[personType];
  const seenChecks = new Set<string>();
  checks.forEach((check, i) => {
    if (seenChecks.has(check.checkId)) anomalies.push({ path: `checks.${i}.checkId`, rule: 'UniqueCheckId' });
    seenChecks.add(check.checkId);
    anomalies.push(...valueAnomalies(check, i));
    if (isUnrecognized(check.type)) return;
    const allowedDataPoints = rules[check.type];
    if (allowedDataPoints === undefined) {
      anomalies.push({ path: `checks.${i}.type`, rule: `CheckTypeFor${personType}User` });
      return;
    }
    const seenDataPoints = new Set<string>();
    check.dataPoints.forEach((dataPoint, j) => {
      if (isUnrecognized(dataPoint.type)) return;
      if (seenDataPoints.has(dataPoint.type)) anomalies.push({ path: `checks.${i}.dataPoints.${j}.type`, rule: 'UniqueDataPoint' });
      seenDataPoints.add(dataPoint.type);
      if (!allowedDataPoints.includes(dataPoint.type)) {
        anomalies.push({ path: `checks.${i}.dataPoints.${j}.type`, rule: `DataPointOf${check.type}` });
        return;
      }
      const format = IDV_DATA_POINT_FORMATS[dataPoint.type];
      if (isErased(dataPoint.value) || dataPoint.value === '') return; // an empty value is flagged once, above
      if (!valueFits[format](dataPoint.value)) {
        anomalies.push({ path: `checks.${i}.dataPoints.${j}.value`, rule: format === 'text' ? 'NonBlankText' : format === 'unixTimestamp' ? 'UnixTimestamp' : 'CountryCode' });
      }
    });
    const listed = IDV_REFUSAL_REASONS_BY_CHECK[check.type];
    (check.reasons ?? []).forEach((reason, j) => {
      if (reason.type === undefined || isUnrecognized(reason.type)) return;
      if (!listed.includes(reason.type)) anomalies.push({ path: `checks.${i}.reasons.${j}.type`, rule: `RefusalReasonOf${check.type}` });
    });
  });
  return anomalies;
};
