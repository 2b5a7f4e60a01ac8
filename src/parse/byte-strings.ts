/**
 * Strings for short byte ranges, cached by their bytes. The fields aamlog keeps repeat
 * (users, agents, nodes, keys, results): a string found here costs a hash and a compare
 * in JavaScript instead of a call into C++ and a new string, and it is the same string
 * every time, so interning it later (normalise.ts) finds it by its cached hash.
 */

/** Slots of the cache (a power of two); a colliding range takes the slot over. */
const SLOTS = 4096;
/** Longer ranges are rarely repeated and cost more to compare: they are decoded each time. */
const MAX_CACHED_BYTES = 64;

export class ByteStrings {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

  /** `buf[from, to)` decoded as UTF-8. */
  get(buf: Buffer, from: number, to: number): string {
    const length = to - from;
    if (length === 0) return '';
    if (length > MAX_CACHED_BYTES) return buf.toString('utf8', from, to);
    let hash = length;
    let bits = 0;
    for (let i = from; i < to; i++) {
      const b = buf[i];
      bits |= b;
      hash = (hash * 31 + b) | 0;
    }
    // Non-ASCII text is decoded each time: only for ASCII is a character code its byte.
    if (bits >= 128) return buf.toString('utf8', from, to);
    const slot = hash & (SLOTS - 1);
    const known = this.slots[slot];
    if (known !== undefined && known.length === length && sameText(known, buf, from)) return known;
    const text = buf.toString('latin1', from, to);
    this.slots[slot] = text;
    return text;
  }
}

function sameText(text: string, buf: Buffer, from: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== buf[from + i]) return false;
  return true;
}
