import type * as t from 'io-ts';
import { literals } from './codec-helpers.js';

/**
 * Who a status change came from: the platform through this core, Mangopay (observed on a re-fetch),
 * or inferred (a step Mangopay must have taken to reach what was observed, recorded so the log stays whole).
 */
export const StepSource = literals('StepSource', ['platform', 'mangopay', 'inferred']);
export type StepSource = t.TypeOf<typeof StepSource>;
