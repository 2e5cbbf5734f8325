export type { Projection } from './projection.js';
export { catchUp, rebuild, type CatchUpDependencies, type CatchUpError, type CatchUpResult } from './catch-up-runner.js';
