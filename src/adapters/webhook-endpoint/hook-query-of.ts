const HOOK_PARAMETERS = ['EventType', 'RessourceId', 'Date'] as const;

/**
 * The hook's parameters from a request target, for the codec to judge: a parameter given once is its value,
 * one given several times is the list (which the codec refuses: which of them would be Mangopay's?), an
 * absent one is left out. Other parameters are not looked at. Undefined when the target is not a URL.
 */
export const hookQueryOf = (url: string | undefined): Readonly<Record<string, string | ReadonlyArray<string>>> | undefined => {
  let params: URLSearchParams;
  try {
    params = new URL(url ?? '', 'http://webhook.invalid').searchParams;
  } catch {
    return undefined;
  }
  const query: Record<string, string | ReadonlyArray<string>> = {};
  for (const name of HOOK_PARAMETERS) {
    const values = params.getAll(name);
    if (values.length === 1) query[name] = values[0] as string;
    else if (values.length > 1) query[name] = values;
  }
  return query;
};
