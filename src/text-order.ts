/**
 * The order of names and messages in reports: case-insensitively first, then exactly (so
 * the order is total), by UTF-16 code units, the same on every machine. `localeCompare`
 * followed the process's locale (under a Swedish one "ö" sorts after "z", under a German
 * one before it), so a nightly job and an administrator's shell could list the same users
 * in different orders; and its first call in a run loaded ICU's collation data (8-14 ms).
 */
export function compareText(a: string, b: string): number {
  return codeUnitOrder(a.toLowerCase(), b.toLowerCase()) || codeUnitOrder(a, b);
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
