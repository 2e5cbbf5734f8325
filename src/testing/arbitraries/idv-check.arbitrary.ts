import fc from 'fast-check';
import type { IdvCheck, IdvDataPoint } from '../../domain/idv-session/idv-check.js';
import { IDV_CHECKS_BY_PERSON_TYPE, IDV_DATA_POINT_FORMATS, IDV_REFUSAL_REASONS_BY_CHECK, checkTypesFor, type DataPointFormat } from '../../domain/idv-session/idv-check-rules.js';
import { IDV_CHECK_STATUSES, IDV_CHECK_TYPES, IDV_DATA_POINT_TYPES, IDV_REFUSAL_REASONS, type IdvCheckType } from '../../domain/idv-session/idv-session.vocabulary.js';
import { ISO_3166_ALPHA_2 } from '../../domain/shared/country-code.js';
import type { PersonType } from '../../domain/shared/user-vocabulary.js';
import { mangopayIdArbitrary } from './identifiers.arbitrary.js';
import { observedStatusArbitrary, unrecognizedArbitrary } from './observed-status.arbitrary.js';

/** Values of the right shape for each data point format of seed 000. */
export const dataPointValueArbitrary: { readonly [F in DataPointFormat]: fc.Arbitrary<string> } = {
  text: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0),
  // Birthdates as unix timestamps, before 1970 included.
  unixTimestamp: fc.integer({ min: -2_500_000_000, max: 2_000_000_000 }).map(String),
  countryCode: fc.constantFrom(...ISO_3166_ALPHA_2),
};

const dataPointsOf = (types: ReadonlyArray<(typeof IDV_DATA_POINT_TYPES)[number]>): fc.Arbitrary<IdvDataPoint[]> =>
  fc
    .subarray([...types])
    .chain((chosen) => fc.tuple(...chosen.map((type) => dataPointValueArbitrary[IDV_DATA_POINT_FORMATS[type]].map((value): IdvDataPoint => ({ type, value })))))
    .map((points) => [...points]);

const descriptionArbitrary = fc.string({ maxLength: 200 });

/** One check seed 000 allows for this user type: its data points with well-formed values, a reason from its glossary. */
const recognizedCheckArbitrary = (personType: PersonType, type: IdvCheckType): fc.Arbitrary<Omit<IdvCheck, 'checkId'>> =>
  fc.record(
    {
      type: fc.constant(type),
      status: observedStatusArbitrary(IDV_CHECK_STATUSES, 1),
      dataPoints: dataPointsOf(IDV_CHECKS_BY_PERSON_TYPE[personType][type] ?? []),
      // Today's Reasons: one or more, each with its type and comment, as Mangopay gives them.
      reasons: fc.array(
        fc.record({ type: observedStatusArbitrary(IDV_REFUSAL_REASONS_BY_CHECK[type], 1), value: descriptionArbitrary }, { requiredKeys: [] }),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { requiredKeys: ['type', 'status', 'dataPoints'] },
  );

/** A check type Mangopay added since the seed: recorded as it is, unjudged, whatever its data points. */
const unrecognizedCheckArbitrary: fc.Arbitrary<Omit<IdvCheck, 'checkId'>> = fc.record({
  type: unrecognizedArbitrary(IDV_CHECK_TYPES),
  status: observedStatusArbitrary(IDV_CHECK_STATUSES, 1),
  dataPoints: fc.array(fc.record({ type: unrecognizedArbitrary(IDV_DATA_POINT_TYPES), value: dataPointValueArbitrary.text }), { maxLength: 2 }),
});

/** The checks of a session, valid for the user's type (seed 000, "Verified data returned"), with distinct check ids. */
export const idvChecksArbitrary = (personType: PersonType, { maxLength = 3 } = {}): fc.Arbitrary<IdvCheck[]> =>
  fc
    .uniqueArray(
      fc.tuple(
        mangopayIdArbitrary(12),
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...checkTypesFor(personType)).chain((type) => recognizedCheckArbitrary(personType, type)) },
          { weight: 1, arbitrary: unrecognizedCheckArbitrary },
        ),
      ),
      { maxLength, selector: ([checkId]) => checkId },
    )
    .map((checks) => checks.map(([checkId, check]): IdvCheck => ({ checkId, ...check })));

/** Reasons the glossary lists, but not for this check type. */
export const reasonsNotFor = (type: IdvCheckType) => IDV_REFUSAL_REASONS.filter((reason) => !IDV_REFUSAL_REASONS_BY_CHECK[type].includes(reason));
