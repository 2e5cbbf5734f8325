import type * as t from 'io-ts';

/**
 * Input that must not get past a domain codec: the codec to decode it with, the path the fault must name,
 * and, when the offending value is text, a marker planted in it that no error may repeat.
 */
export interface MalformedInput {
  readonly codec: t.Mixed;
  readonly input: unknown;
  readonly path: string;
  readonly marker: string | undefined;
}

/** A valid command with one field replaced. */
export const breaking = (codec: t.Mixed, command: object, path: string, value: unknown, marker?: string): MalformedInput => ({
  codec,
  input: { ...command, [path]: value },
  path,
  marker,
});
