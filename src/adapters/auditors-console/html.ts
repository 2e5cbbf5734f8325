/**
 * HTML built by tagged templates: every interpolated value is escaped unless it is already `SafeHtml` (made by
 * this module), so no Tag, refusal message, user id or reason can open an element or an attribute.
 */
export interface SafeHtml {
  readonly __html: string;
}

const isSafe = (value: unknown): value is SafeHtml => typeof value === 'object' && value !== null && typeof (value as SafeHtml).__html === 'string';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

/** Markup this module vouches for: only for constant strings and the output of `html`. */
export const trusted = (markup: string): SafeHtml => ({ __html: markup });

type Interpolated = SafeHtml | string | number | boolean | null | undefined | ReadonlyArray<Interpolated>;

const render = (value: Interpolated): string => {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return (value as ReadonlyArray<Interpolated>).map(render).join('');
  if (isSafe(value)) return value.__html;
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<Interpolated>): SafeHtml =>
  trusted(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i] as Interpolated) : ''), ''));

export const joinHtml = (parts: ReadonlyArray<SafeHtml>, separator = ''): SafeHtml => trusted(parts.map((p) => p.__html).join(separator));
