/**
 * Atomic file writes: a reader sees the old file or the new one, never half of one, and a
 * crash (kill -9, power loss) leaves one of the two. The text goes to a temporary file in
 * the same folder, is flushed to disk, then renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files start with this, so a later run can tell leftovers of a crash. */
export const TEMP_PREFIX = '.aamlog-tmp-';

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const file = await open(temp, 'wx', 0o644);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await file.close();
  await rename(temp, path).catch(async (error: unknown) => {
    await unlink(temp).catch(() => {});
    throw error;
  });
  await syncFolder(dirname(path));
}

/** Makes a rename inside `dir` durable (a no-op where folders cannot be opened, as on Windows). */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}
