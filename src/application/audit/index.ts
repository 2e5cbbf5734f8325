export * from './event-summary.js';
export * from './stream-timeline.js';
