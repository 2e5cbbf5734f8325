/**
 * What was opened, closed in the reverse order: the one shutdown of the composition root (a read model before the
 * pool it uses, the stores before nothing else needs them). Node 20 has no `AsyncDisposableStack` (and the
 * project's TypeScript lib has none): this is its part that the root needs.
 */
export interface CloseStack {
  /** Adds what must be closed once the things opened after it are. */
  readonly push: (close: () => Promise<void> | void) => void;
  /**
   * Closes everything pushed, last first, each once, going on after a failure; then throws the failure (or an
   * AggregateError of all of them). A second call closes what was pushed since the first.
   */
  readonly closeAll: () => Promise<void>;
}

export const closeStack = (): CloseStack => {
  const closes: Array<() => Promise<void> | void> = [];
  return {
    push: (close) => {
      closes.push(close);
    },
    closeAll: async () => {
      const failures: unknown[] = [];
      for (let close = closes.pop(); close !== undefined; close = closes.pop()) {
        try {
          await close();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, `${failures.length} resources failed to close`);
    },
  };
};
