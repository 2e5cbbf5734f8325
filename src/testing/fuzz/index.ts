export * from './markers.js';
export * from './hostile-strings.js';
export * from './hostile-values.js';
export * from './hostile-objects.js';
export * from './hostile-json-texts.js';
export * from './hostile-http.js';
export * from './fuzz-case-tally.js';
export * from './unhandled-rejection-guard.js';
