export * from './aggregate.js';
export * from './command-handler.js';
export * from './command-handling-errors.js';
export * from './deterministic-event-id.js';
export * from './load-aggregate.js';
export * from './retry-policy.js';
export * from './personal-data-protection.js';
export * from './personal-field-locations.js';
