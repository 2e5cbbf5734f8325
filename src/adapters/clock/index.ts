export { fixedClock, type FixedClock } from './fixed-clock.js';
export { systemClock } from './system-clock.js';
