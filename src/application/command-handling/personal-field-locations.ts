import type { PersonalFieldPath } from '../../domain/shared/personal-data.js';

/** One personal value found in an event's data: where exactly (`checks.0.dataPoints.2.value`), and what it holds. */
export interface PersonalFieldLocation {
  readonly at: ReadonlyArray<string | number>;
  readonly value: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every value a declared path reaches in `data`; absent optional fields and empty arrays reach nothing. */
export const locatePersonalFields = (data: unknown, paths: ReadonlyArray<PersonalFieldPath>): ReadonlyArray<PersonalFieldLocation> => {
  const found: PersonalFieldLocation[] = [];
  const walk = (node: unknown, segments: ReadonlyArray<string>, at: ReadonlyArray<string | number>): void => {
    const [head, ...rest] = segments;
    if (head === undefined) {
      if (node !== undefined) found.push({ at, value: node });
      return;
    }
    if (head === '*') {
      if (Array.isArray(node)) node.forEach((item, index) => walk(item, rest, [...at, index]));
      return;
    }
    if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, head)) walk(node[head], rest, [...at, head]);
  };
  for (const path of paths) walk(data, path.split('.'), []);
  return found;
};

/** A copy of `data` with the value at `at` replaced; the rest is shared, never mutated. */
const replaceAt = (data: unknown, at: ReadonlyArray<string | number>, value: unknown): unknown => {
  const [head, ...rest] = at;
  if (head === undefined) return value;
  if (typeof head === 'number' && Array.isArray(data)) {
    const copy = data.slice();
    copy[head] = replaceAt(data[head], rest, value);
    return copy;
  }
  if (typeof head === 'string' && isRecord(data)) return { ...data, [head]: replaceAt(data[head], rest, value) };
  return data;
};

export const replacePersonalFields = (
  data: unknown,
  replacements: ReadonlyArray<{ readonly at: ReadonlyArray<string | number>; readonly value: unknown }>,
): unknown => replacements.reduce((current, { at, value }) => replaceAt(current, at, value), data);

export const describeLocation = (at: ReadonlyArray<string | number>): string => at.join('.');
