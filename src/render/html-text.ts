/**
 * Safe HTML by construction: the `html` tag escapes every interpolated value unless it is
 * markup built by `html` itself, so a log field can only ever become text. Values from logs
 * (user IDs, agent names, error texts) are influenced by strangers: see the hostile-input issue.
 */

/** Markup already made safe; only `html` and `raw` create it. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = string | number | Markup | null | undefined | readonly HtmlValue[];

const SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Controls and bidi overrides: shown as visible escapes so a name cannot hide or reorder text. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value
    .replace(/[&<>"']/g, (c) => SPECIAL[c])
    .replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function part(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Markup) return value.text;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(part).join('');
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let text = strings[0];
  values.forEach((value, i) => {
    text += part(value) + strings[i + 1];
  });
  return new Markup(text);
}

/** Markup the renderer wrote itself (the style sheet, the script): never a log value. */
export function raw(text: string): Markup {
  return new Markup(text);
}

const integer = new Intl.NumberFormat('en-US');
export const count = (n: number): string => integer.format(n);
export const plural = (n: number, word: string, words = `${word}s`): string => `${count(n)} ${n === 1 ? word : words}`;

/** An ISO time in the AM zone as people read it: `2026-11-27 17:42`, the full value in the tooltip. */
export function time(iso: string): Markup {
  const shown = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
  return html`<time datetime="${iso}" title="${iso}">${shown}</time>`;
}
