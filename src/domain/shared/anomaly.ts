import * as t from 'io-ts';
import { struct } from './codec-helpers.js';

const AnomalyText = t.refinement(t.string, (s) => s.length >= 1 && s.length <= 255, 'AnomalyText');

/**
 * Where an outcome Mangopay decided breaks a seed's rule, and which rule: recorded with the outcome, never a
 * reason to refuse it (provider truth wins). Never the value: it may be personal data (a name, a birthdate).
 */
export const Anomaly = struct('Anomaly', { path: AnomalyText, rule: AnomalyText });
export type Anomaly = t.TypeOf<typeof Anomaly>;

export const Anomalies = t.readonlyArray(Anomaly, 'Anomalies');

/** An event's optional `anomalies` field: present only when there is one, so a faultless event keeps its old shape. */
export const anomaliesField = (anomalies: ReadonlyArray<Anomaly>): { readonly anomalies?: ReadonlyArray<Anomaly> } =>
  anomalies.length === 0 ? {} : { anomalies };
