/**
 * Puts a run's reports in place: OUT/YYYY-MM-DD and OUT/latest are symbolic links, each
 * swapped in one rename to a fully written folder under OUT/.runs/. A reader (or a run
 * killed at any moment) sees the previous reports or the new ones, never a mix.
 */
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AamlogError } from '../errors.js';
import { TEMP_PREFIX, syncFolder } from '../out/atomic.js';
import { writeReportFolder } from '../out/report-folder.js';
import type { Report } from '../report.js';
import { crashPoint } from './crash-points.js';

export const RUNS_FOLDER = '.runs';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Writes the report for `day` and points OUT/day and OUT/latest at it; then removes days
 * before `firstKeptDay` and folders no link points to. Returns OUT/day.
 */
export async function publishReports(out: string, day: string, report: Report, firstKeptDay: string): Promise<string> {
  const runs = join(out, RUNS_FOLDER);
  await mkdir(runs, { recursive: true });
  const id = `${day}-${Date.now()}-${process.pid}`;
  const temp = join(runs, `${TEMP_PREFIX}${id}`);
  await writeReportFolder(temp, report);
  crashPoint('reports-written');
  await rename(temp, join(runs, id));
  await syncFolder(runs);
  await swapLink(out, day, `${RUNS_FOLDER}/${id}`);
  crashPoint('day-linked');
  await swapLink(out, 'latest', `${RUNS_FOLDER}/${id}`);
  crashPoint('latest-linked');
  await removeExpired(out, firstKeptDay);
  return join(out, day);
}

/** Replaces OUT/name by a link to `target` in one rename. */
async function swapLink(out: string, name: string, target: string): Promise<void> {
  const existing = await lstat(join(out, name)).catch(() => null);
  if (existing && !existing.isSymbolicLink()) {
    throw new AamlogError(`${join(out, name)} exists and is no link made by aamlog: move it away`);
  }
  const temp = join(out, `${TEMP_PREFIX}link-${name}-${process.pid}`);
  await rm(temp, { force: true });
  await symlink(target, temp, 'dir');
  await rename(temp, join(out, name));
  await syncFolder(out);
}

/** Days before the first kept one, leftovers of killed runs, and run folders no link names. */
async function removeExpired(out: string, firstKeptDay: string): Promise<void> {
  const linked = new Set<string>();
  for (const name of await readdir(out)) {
    const path = join(out, name);
    if (name.startsWith(TEMP_PREFIX)) {
      await rm(path, { force: true });
      continue;
    }
    if (name !== 'latest' && !DAY.test(name)) continue;
    if (!(await lstat(path)).isSymbolicLink()) continue;
    if (name !== 'latest' && name < firstKeptDay) {
      await rm(path, { force: true });
      continue;
    }
    linked.add((await readlink(path)).replace(`${RUNS_FOLDER}/`, ''));
  }
  const runs = join(out, RUNS_FOLDER);
  for (const name of await readdir(runs)) {
    if (!linked.has(name)) await rm(join(runs, name), { recursive: true, force: true });
  }
}
