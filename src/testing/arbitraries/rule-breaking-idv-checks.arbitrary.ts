import fc from 'fast-check';
import type { IdvCheck } from '../../domain/idv-session/idv-check.js';
import { IDV_CHECKS_BY_PERSON_TYPE, IDV_DATA_POINT_FORMATS, checkTypesFor } from '../../domain/idv-session/idv-check-rules.js';
import { IDV_CHECK_TYPES, IDV_DATA_POINT_TYPES, type IdvCheckType, type IdvDataPointType } from '../../domain/idv-session/idv-session.vocabulary.js';
import type { PersonType } from '../../domain/shared/user-vocabulary.js';
import { markerArbitrary } from './identifiers.arbitrary.js';
import { dataPointValueArbitrary, idvChecksArbitrary, reasonsNotFor } from './idv-check.arbitrary.js';

/** Checks that break one of seed 000's rules for the user's type, tagged with the rule (as the fault names it). */
export interface RuleBreakingChecks {
  readonly checks: ReadonlyArray<IdvCheck>;
  readonly rule: string;
  /** Where the fault was planted (the path the anomaly names). */
  readonly path: string;
  /** A value planted in the checks that the error must never repeat, when the broken rule is about a value. */
  readonly marker?: string;
}

/** Values of the wrong shape for each format, each carrying a marker where the format allows text. */
const malformedValue = (format: 'text' | 'unixTimestamp' | 'countryCode', marker: string): fc.Arbitrary<string> => {
  switch (format) {
    case 'text':
      return fc.constantFrom(' ', '\t', '  \n ');
    case 'unixTimestamp':
      return fc.constantFrom(marker, `${marker}-01-01`, '1.5', '1e9', '1234567890123');
    case 'countryCode':
      return fc.constantFrom(marker, 'UK', 'EU', 'FRA', 'fr', 'XK');
  }
};

const typesOfPersonWithDataPoints = (personType: PersonType): IdvCheckType[] =>
  checkTypesFor(personType).filter((type) => (IDV_CHECKS_BY_PERSON_TYPE[personType][type] ?? []).length > 0);

/** Appends a check to otherwise valid checks, under an id none of them uses. */
const withCheck = (checks: IdvCheck[], check: Omit<IdvCheck, 'checkId'>): IdvCheck[] => {
  let n = checks.length;
  while (checks.some((c) => c.checkId === `bad-${n}`)) n++;
  return [...checks, { checkId: `bad-${n}` as IdvCheck['checkId'], ...check }];
};

export const ruleBreakingIdvChecksArbitrary = (personType: PersonType): fc.Arbitrary<RuleBreakingChecks> => {
  const valid = idvChecksArbitrary(personType, { maxLength: 2 });
  const rules = IDV_CHECKS_BY_PERSON_TYPE[personType];
  const foreignCheckTypes = IDV_CHECK_TYPES.filter((type) => rules[type] === undefined);
  const breakers: Array<fc.Arbitrary<RuleBreakingChecks>> = [
    // A data point that is not among those its check returns for this user type.
    fc
      .constantFrom(...checkTypesFor(personType))
      .chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...IDV_DATA_POINT_TYPES.filter((dp) => !(rules[type] ?? []).includes(dp)))))
      .chain(([type, dataPoint]) =>
        fc.tuple(valid, dataPointValueArbitrary[IDV_DATA_POINT_FORMATS[dataPoint]]).map(([checks, value]) => ({
          checks: withCheck(checks, { type, status: 'VALIDATED', dataPoints: [{ type: dataPoint, value }] }),
          rule: `DataPointOf${type}`,
          path: `checks.${checks.length}.dataPoints.0.type`,
        })),
      ),
    // A refusal reason the glossary lists only under other check types.
    fc
      .constantFrom(...checkTypesFor(personType))
      .chain((type) => fc.tuple(valid, fc.constantFrom(...reasonsNotFor(type))).map(([checks, reason]) => ({
        checks: withCheck(checks, { type, status: 'REFUSED', dataPoints: [], reasons: [{ type: reason }] }),
        rule: `RefusalReasonOf${type}`,
        path: `checks.${checks.length}.reasons.0.type`,
      }))),
    // A value of the wrong shape (a birthdate that is no unix timestamp, a country that is no ISO 3166-1 alpha-2 code, blank text).
    fc
      .constantFrom(...typesOfPersonWithDataPoints(personType))
      .chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...(rules[type] ?? [])), markerArbitrary))
      .chain(([type, dataPoint, marker]: [IdvCheckType, IdvDataPointType, string]) => {
        const format = IDV_DATA_POINT_FORMATS[dataPoint];
        return fc.tuple(valid, malformedValue(format, marker)).map(([checks, value]) => ({
          checks: withCheck(checks, { type, status: 'VALIDATED', dataPoints: [{ type: dataPoint, value }] }),
          rule: format === 'text' ? 'NonBlankText' : format === 'unixTimestamp' ? 'UnixTimestamp' : 'CountryCode',
          path: `checks.${checks.length}.dataPoints.0.value`,
          ...(value.includes(marker) ? { marker } : {}),
        }));
      }),
    // The same data point twice in one check.
    fc
      .constantFrom(...typesOfPersonWithDataPoints(personType))
      .chain((type) => fc.tuple(valid, fc.constantFrom(...(rules[type] ?? []))).chain(([checks, dataPoint]) =>
        fc.tuple(dataPointValueArbitrary[IDV_DATA_POINT_FORMATS[dataPoint]], dataPointValueArbitrary[IDV_DATA_POINT_FORMATS[dataPoint]]).map(([a, b]) => ({
          checks: withCheck(checks, { type, status: 'VALIDATED', dataPoints: [{ type: dataPoint, value: a }, { type: dataPoint, value: b }] }),
          rule: 'UniqueDataPoint',
          path: `checks.${checks.length}.dataPoints.1.type`,
        })),
      )),
    // Two checks under one id.
    fc
      .tuple(valid.filter((checks) => checks.length > 0), fc.constantFrom(...checkTypesFor(personType)))
      .map(([checks, type]) => ({
        checks: [...checks, { checkId: checks[0]!.checkId, type, status: 'VALIDATED' as const, dataPoints: [] }],
        rule: 'UniqueCheckId',
        path: `checks.${checks.length}.checkId`,
      })),
  ];
  if (foreignCheckTypes.length > 0) {
    // A check type this user type never gets (no business or PSC check for a Natural user).
    breakers.push(
      fc.tuple(valid, fc.constantFrom(...foreignCheckTypes)).map(([checks, type]) => ({
        checks: withCheck(checks, { type, status: 'VALIDATED', dataPoints: [] }),
        rule: `CheckTypeFor${personType}User`,
        path: `checks.${checks.length}.type`,
      })),
    );
  }
  return fc.oneof(...breakers);
};
