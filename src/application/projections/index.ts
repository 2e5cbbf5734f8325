export type { Projection } from '../ports/projection.js';
export { catchUp, rebuild, type CatchUpDependencies, type CatchUpError, type CatchUpResult } from './catch-up-runner.js';
export { caughtUpWithStore, type CaughtUpDependencies, type ProjectionBehind } from './caught-up-with-store.js';
