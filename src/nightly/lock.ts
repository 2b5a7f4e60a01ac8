/**
 * One nightly run at a time: a lock file created exclusively beside the state file, naming
 * its holder. A lock whose process is gone (the run was killed) is taken over.
 */
import { hostname } from 'node:os';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { AamlogError, describeSystemError } from '../errors.js';

export interface LockHolder {
  pid: number;
  startedAt: string;
  host: string;
}

export interface HeldLock {
  path: string;
  release(): Promise<void>;
}

export async function acquireLock(path: string, startedAt: string): Promise<HeldLock> {
  const mine: LockHolder = { pid: process.pid, startedAt, host: hostname() };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, text)) {
      return {
        path,
        async release() {
          // Removed only while it is still ours.
          if ((await readFile(path, 'utf8').catch(() => null)) === text) await unlink(path).catch(() => {});
        },
      };
    }
    const held = await readFile(path, 'utf8').catch(() => null);
    if (held === null) continue; // released meanwhile
    const holder = parseHolder(held);
    if (holder && isRunning(holder)) throw lockedBy(path, holder);
    await takeOver(path, held);
  }
  throw new AamlogError(`nightly: could not take the lock ${path}: it changes hands too quickly`, 3);
}

/**
 * Creates the lock with its content in one step: written to a file of its own, then linked
 * to the lock's name, which fails if that exists. Created empty and written after, a lock
 * could be read in between as empty, judged stale and taken from a running job.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const draft = `${path}.new-${process.pid}`;
  try {
    const file = await open(draft, 'w', 0o644);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AamlogError(`nightly: cannot create the lock ${path}: ${describeSystemError(error)}`);
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/**
 * Moves a dead holder's lock aside. Two runs may find the same stale lock: the one that
 * moves aside something other than what it judged stale puts it back and stops.
 */
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved it: try again
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== stale && moved !== null) {
    await rename(aside, path).catch(() => {});
    const holder = parseHolder(moved);
    if (holder) throw lockedBy(path, holder);
  }
  await unlink(aside).catch(() => {});
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0) {
      return { pid: value.pid, startedAt: String(value.startedAt ?? 'an unknown time'), host: String(value.host ?? '') };
    }
  } catch {
    // An unreadable lock (a run killed while writing it) holds nothing.
  }
  return null;
}

/** A holder on another host cannot be checked, so it counts as running. */
function isRunning(holder: LockHolder): boolean {
  if (holder.host !== '' && holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedBy(path: string, holder: LockHolder): AamlogError {
  const host = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
  return new AamlogError(
    `nightly: another run is in progress: process ${holder.pid}${host}, started ${holder.startedAt} (lock ${path})`,
    3,
  );
}
