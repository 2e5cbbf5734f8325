import type { DomainError } from '../domain/shared/domain-error.js';
import { paramError, type Reply } from './simulator-reply.js';

/**
 * A rule the domain refused, as Mangopay's 400: the field it concerns and the domain's stable code and
 * message (messages never hold personal data or the value sent).
 */
export const refusal = (field: string, error: DomainError, nowSeconds: number): Reply =>
  paramError({ [field]: `${error.type}: ${error.message}` }, nowSeconds);
