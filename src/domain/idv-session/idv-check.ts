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

/** One check carried out during a session, with its data points and, when refused, the reason (seed 000). */
export const IdvCheck = struct(
  'IdvCheck',
  {
    checkId: MangopayId,
    type: recognized(IdvCheckType),
    status: recognized(IdvCheckStatus),
    dataPoints: t.readonlyArray(IdvDataPoint),
  },
  // The description is free text from Mangopay's support agent: personal, like the data points.
  { refusalReason: recognized(IdvRefusalReason), refusalDescription: personal(RefusalDescription) },
);
export type IdvCheck = t.TypeOf<typeof IdvCheck>;
