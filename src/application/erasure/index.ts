export * from './erase-personal-data.js';
export * from './last-activity.js';
