/**
 * Log fields reach a terminal: a user ID typed at a login prompt can carry escape
 * sequences. Every C0 and C1 control, DEL, and the Unicode line/paragraph and bidi
 * controls are shown as visible escapes, so nothing from a log moves the cursor,
 * retitles the window or hides text.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeTerminal(value: string): string {
  return value.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
