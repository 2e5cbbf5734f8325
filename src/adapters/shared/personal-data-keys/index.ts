export { lookupOfKeyRow, type KeyRow } from './key-row.js';
