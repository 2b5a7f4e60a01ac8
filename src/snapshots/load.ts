/**
 * Loads the snapshots given as a file or a folder, and validates every one before any of
 * them is used: all problems of all files are reported together in one error.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AamlogError, describeSystemError } from '../errors.js';
import { parseSnapshotText } from './parse-file.js';
import type { LoadedSnapshot } from './types.js';
import { formatPath, validateSnapshot } from './validate.js';

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
/** Far above any real deployment's snapshot; a larger file is a mistake or an attack. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export async function loadSnapshots(path: string): Promise<LoadedSnapshot[]> {
  const files = await snapshotFiles(path);
  const loaded: LoadedSnapshot[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const result = await loadFile(file);
    if ('problems' in result) problems.push(...result.problems.map((p) => `${file}: ${p}`));
    else loaded.push(result.loaded);
  }
  problems.push(...sameInstantProblems(loaded));
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new AamlogError(`invalid policy snapshots (${count}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return loaded.sort((a, b) => a.capturedAtMs - b.capturedAtMs);
}

/** `aamlog snapshot check`: the files that passed, oldest first; throws like loadSnapshots. */
export async function checkSnapshots(path: string): Promise<{ path: string; capturedAt: string }[]> {
  return (await loadSnapshots(path)).map((s) => ({ path: s.path, capturedAt: s.capturedAt }));
}

async function snapshotFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new AamlogError(`${path}: ${describeSystemError(error)}`);
  }
  if (!info.isDirectory()) return [path];
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    throw new AamlogError(`${path}: ${describeSystemError(error)}`);
  }
  const files = names.filter((name) => EXTENSIONS.has(extname(name).toLowerCase())).sort();
  if (files.length === 0) throw new AamlogError(`${path}: no .json, .yaml or .yml snapshot files in this folder`);
  return files.map((name) => join(path, name));
}

async function loadFile(file: string): Promise<{ loaded: LoadedSnapshot } | { problems: string[] }> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { problems: ['is a folder, expected a snapshot file'] };
    if (info.size > MAX_FILE_BYTES) return { problems: [`is ${info.size} bytes, more than a snapshot's limit of 16 MiB`] };
    bytes = await readFile(file);
  } catch (error) {
    return { problems: [describeSystemError(error)] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problems: ['is not UTF-8 text'] };
  }
  const parsed = parseSnapshotText(text, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
  if ('problems' in parsed) return parsed;
  const result = validateSnapshot(parsed.value);
  if ('problems' in result) {
    return { problems: result.problems.map((p) => (p.path.length ? `${formatPath(p.path)}: ${p.message}` : p.message)) };
  }
  const { snapshot } = result;
  return { loaded: { path: file, capturedAt: snapshot.capturedAt, capturedAtMs: Date.parse(snapshot.capturedAt), snapshot } };
}

function sameInstantProblems(loaded: LoadedSnapshot[]): string[] {
  const first = new Map<number, LoadedSnapshot>();
  const problems: string[] = [];
  for (const snapshot of loaded) {
    const earlier = first.get(snapshot.capturedAtMs);
    if (earlier) {
      problems.push(
        `${snapshot.path}: capturedAt: ${snapshot.capturedAt} is the same moment as ${earlier.path} (${earlier.capturedAt}); two snapshots cannot share a capturedAt`,
      );
    } else {
      first.set(snapshot.capturedAtMs, snapshot);
    }
  }
  return problems;
}
