/**
 * The KycReadModel port lives in application/ports/kyc-read-model.ts. This module only forwards it, for the
 * http-service and auditors-console files that still import it here (they are being split and untangled on
 * another branch, issue 19 leaves them alone); once those land, point their imports at ports/ and delete it.
 */
export type * from '../ports/kyc-read-model.js';
