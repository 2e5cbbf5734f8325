/**
 * A new array with one more item. Copied by hand: for the short arrays states hold (pages, checks) this
 * measured about 3× faster than `slice()` + `push` or a spread, on the fold hot path.
 */
export const append = <T>(items: ReadonlyArray<T>, item: T): ReadonlyArray<T> => {
  const length = items.length;
  const copy = new Array<T>(length + 1);
  for (let i = 0; i < length; i++) copy[i] = items[i] as T;
  copy[length] = item;
  return copy;
};
