export { jsonEqual } from '../../domain/shared/json-equal.js';
