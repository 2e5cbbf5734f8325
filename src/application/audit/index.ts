export * from './escape-controls.js';
export * from './event-summary.js';
export * from './stream-timeline.js';
export * from './timelines-of-streams.js';
export * from './personal-data-view.js';
