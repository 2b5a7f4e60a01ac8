/**
 * Turns the command line's inputs (files, folders, quoted glob patterns, `-`) into the
 * list of things to read. Problems with one input never stop the others.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { describeSystemError } from '../errors.js';

export type InputRef = { kind: 'file'; path: string } | { kind: 'stdin'; path: '-' };

export interface InputProblem {
  path: string;
  reason: string;
}

export interface ExpandedInputs {
  inputs: InputRef[];
  problems: InputProblem[];
}

export async function expandInputs(args: string[]): Promise<ExpandedInputs> {
  const inputs: InputRef[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const addFile = async (path: string) => {
    const real = await realpath(path).catch(() => path);
    if (seen.has(real)) return;
    seen.add(real);
    inputs.push({ kind: 'file', path });
  };
  let stdinSeen = false;
  for (const arg of args) {
    if (arg === '-') {
      if (!stdinSeen) inputs.push({ kind: 'stdin', path: '-' });
      stdinSeen = true;
      continue;
    }
    const info = await stat(arg).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) await walk(arg, addFile, problems, new Set());
      else await addFile(arg);
      continue;
    }
    // Only a name that is no file can be a pattern: the glob library loads just for it.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (isDynamicPattern(arg)) {
      // Matches are named as the pattern was: absolute for an absolute pattern, else relative.
      const matches = (await glob(arg, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(arg) })).sort();
      if (matches.length === 0) problems.push({ path: arg, reason: 'no file matches this pattern' });
      for (const match of matches) await addFile(match);
      continue;
    }
    problems.push({ path: arg, reason: describeSystemError(info) });
  }
  return { inputs, problems };
}

/** Every file below a folder, in name order; symbolic-link loops are visited once. */
async function walk(
  dir: string,
  addFile: (path: string) => Promise<void>,
  problems: InputProblem[],
  visited: Set<string>,
): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  if (visited.has(real)) return;
  visited.add(real);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    problems.push({ path: dir, reason: describeSystemError(error) });
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (info instanceof Error) {
      problems.push({ path, reason: describeSystemError(info) });
    } else if (info.isDirectory()) {
      await walk(path, addFile, problems, visited);
    } else if (info.isFile()) {
      await addFile(path);
    }
  }
}
