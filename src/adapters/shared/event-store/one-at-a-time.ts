/**
 * Runs async jobs strictly one after another, in call order: for resources that cannot interleave work,
 * such as one SQLite connection inside a transaction that spans awaits.
 */
export const oneAtATime = (): (<A>(job: () => Promise<A>) => Promise<A>) => {
  let tail: Promise<unknown> = Promise.resolve();
  return <A>(job: () => Promise<A>): Promise<A> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
};
