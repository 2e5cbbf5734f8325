// The models compare values the way the command handler fingerprints requests: one canonical JSON.
export { canonicalJson } from '../../domain/shared/canonical-json.js';
