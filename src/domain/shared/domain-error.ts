/**
 * Every domain error is a value: a stable `type` code (SCREAMING_SNAKE, safe to match on and to show
 * to API clients) and a human message. Messages never contain personal data or the offending value.
 */
export interface DomainError<Type extends string = string> {
  readonly type: Type;
  readonly message: string;
}

export const domainError = <Type extends string, Extra extends object = object>(
  type: Type,
  message: string,
  extra?: Extra,
): DomainError<Type> & Extra => ({ type, message, ...(extra as Extra) });
