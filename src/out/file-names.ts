/**
 * File names for per-user reports, derived from user IDs that anyone can type at a login
 * prompt. A name is plain ASCII letters, digits, `.`, `_` and `-`, never starts with a dot,
 * is no reserved Windows device name, and stays short, so it can never name a path outside
 * the report folder. Where the ID had to change to get there (or is long, or could collide
 * on a case-insensitive file system), a short hash of the ID keeps names apart.
 */
import { createHash } from 'node:crypto';

/** Characters of the ID kept in a name; the hash suffix makes the rest unique. */
const MAX_STEM = 64;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * One file stem (without extension) per user ID, distinct even when compared without
 * regard to case. IDs are taken in the order given; the same ID always gets the same stem
 * unless an earlier one took it.
 */
export function userFileStems(userIds: string[]): Map<string, string> {
  const stems = new Map<string, string>();
  const taken = new Set<string>();
  for (const userId of userIds) {
    if (stems.has(userId)) continue;
    const own = userFileStem(userId);
    // IDs that differ only in case (where a caller keeps them apart) are told apart by a hash
    // of their exact spelling; a counter settles IDs crafted to look like another's name.
    let stem = taken.has(own.toLowerCase()) ? `${own}-${hash(userId)}` : own;
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${own}-${n}`;
    taken.add(stem.toLowerCase());
    stems.set(userId, stem);
  }
  return stems;
}

/** The stem for one ID, on its own: the ID itself where it is safe, else a readable form and a hash. */
export function userFileStem(userId: string): string {
  if (userId.length <= MAX_STEM && SAFE_NAME.test(userId) && !isReserved(userId) && !userId.endsWith('.')) return userId;
  const readable = userId
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // jürgen -> jurgen
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, MAX_STEM)
    .replace(/[.]+$/, '');
  // User IDs compare without case: CORP\JDoe and corp\jdoe are one user and get one name.
  return `${readable === '' || isReserved(readable) ? `user_${readable}` : readable}-${hash(userId.toLowerCase())}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** `con`, `NUL.txt`, `com1.md`: Windows opens a device for these whatever the extension. */
function isReserved(name: string): boolean {
  return WINDOWS_RESERVED.test(name.split('.')[0]);
}
