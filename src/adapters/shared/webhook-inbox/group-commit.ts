export interface GroupCommitOptions {
  /** Most items written together. */
  readonly maxBatch: number;
  /** Batches being written at the same time (1 for SQLite's single writer; a few for a connection pool). */
  readonly maxInFlight: number;
}

/**
 * Group commit: items that arrive while a batch is being written wait and go together in the next one,
 * so a burst of hooks costs one durable commit (one fsync) per batch rather than one per hook. With
 * nothing in flight an item is written on the next turn of the event loop, so a lone hook waits for no one.
 * `write` answers one result per item, in order; if it throws, every item of the batch gets the error.
 */
export const groupCommit = <Item, Result>(
  write: (items: ReadonlyArray<Item>) => Promise<ReadonlyArray<Result>>,
  options: GroupCommitOptions,
): ((item: Item) => Promise<Result>) => {
  const queue: Array<{ readonly item: Item; readonly resolve: (r: Result) => void; readonly reject: (e: unknown) => void }> = [];
  let inFlight = 0;
  let scheduled = false;

  const run = (): void => {
    scheduled = false;
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight++;
      void write(batch.map((waiting) => waiting.item)).then(
        (results) => batch.forEach((waiting, index) => waiting.resolve(results[index] as Result)),
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      ).finally(() => {
        inFlight--;
        schedule();
      });
    }
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0 || inFlight >= options.maxInFlight) return;
    scheduled = true;
    // setImmediate: the requests already read in this turn of the loop join the batch.
    setImmediate(run);
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
};
