/**
 * Writes a report as a folder people read in the morning: summary.json (the JSON report),
 * failures.csv, index.md, index.html, and users/<name>.md and users/<name>.json per failing user.
 * Every file is written atomically, and every path is checked to stay inside the folder.
 */
import { renderHtml } from '../render/html.js';
import { lstat, mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AamlogError } from '../errors.js';
import { renderFailuresCsv } from '../render/csv.js';
import { renderJson } from '../render/json.js';
import { renderIndexMarkdown, renderUserMarkdown } from '../render/markdown.js';
import type { Report } from '../report.js';
import { writeFileAtomic } from './atomic.js';
import { userFileStems } from './file-names.js';

/** The files of one report, by path relative to its folder. */
export function reportFiles(report: Report): Map<string, string> {
  const stems = userFileStems(report.users.map((user) => user.userId));
  const files = new Map<string, string>();
  const pages = new Map<string, string>();
  for (const user of report.users) {
    const stem = stems.get(user.userId)!;
    pages.set(user.userId, `users/${stem}.md`);
    files.set(`users/${stem}.md`, renderUserMarkdown(user, report));
    files.set(`users/${stem}.json`, `${JSON.stringify(user, null, 2)}\n`);
  }
  files.set('failures.csv', renderFailuresCsv(report));
  files.set('index.md', renderIndexMarkdown(report, pages));
  files.set('index.html', renderHtml(report));
  files.set('summary.json', renderJson(report));
  return files;
}

/** Writes the report into `dir` (created if needed); returns the paths written, relative to it. */
export async function writeReportFolder(dir: string, report: Report): Promise<string[]> {
  const files = reportFiles(report);
  await mkdir(join(dir, 'users'), { recursive: true });
  // A link planted in place of users/ would lead the writes elsewhere.
  if ((await lstat(join(dir, 'users'))).isSymbolicLink()) {
    throw new AamlogError(`${join(dir, 'users')} is a symbolic link: aamlog writes reports only into real folders`);
  }
  for (const [path, text] of files) await writeFileAtomic(insideFolder(dir, path), text);
  return [...files.keys()];
}

/** `dir/path`, after making sure it cannot lie outside `dir`. */
function insideFolder(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(resolve(dir), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`report file name '${path}' would leave the report folder`);
  }
  return full;
}
