/**
 * Issue 5: the gzip data of a file larger than one batch is inflated in a worker thread
 * (dist/read/gunzip-worker.js). Its text and its damage are the in-thread path's, byte
 * for byte, and a reader that stops early leaves no thread running.
 *
 * Under vitest, src/ runs as TypeScript, with no worker script beside it: src's inflate()
 * inflates in this thread. The build, which the global setup makes, has the script.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as inThread from '../src/read/decode.js';
import { readFileChunks } from '../src/read/file-chunks.js';
import { fixture, repoRoot } from './support/cli.js';

type Decode = typeof inThread;

interface Decoded {
  text: Buffer;
  error: { code: unknown; message: string } | null;
}

/** The same text (compared as bytes: a deep equality of megabytes runs out of memory) and damage. */
function expectSame(worker: Decoded, thread: Decoded): void {
  expect(worker.error).toEqual(thread.error);
  expect(worker.text.length).toBe(thread.text.length);
  expect(worker.text.equals(thread.text)).toBe(true);
}

async function decode(decoder: Decode, path: string): Promise<Decoded> {
  const info: inThread.DecodeInfo = { gzip: false, encoding: 'utf-8', encodingNote: null };
  const chunks: Buffer[] = [];
  let error: Decoded['error'] = null;
  try {
    const source = readFileChunks(path);
    for await (const chunk of decoder.inflate(source, info, () => readFileChunks(path, { regularOnly: true }))) {
      chunks.push(Buffer.from(chunk)); // text buffers go back to the worker once the next is asked for
    }
  } catch (caught) {
    error = { code: (caught as NodeJS.ErrnoException).code, message: (caught as Error).message };
  }
  expect(info.gzip).toBe(true);
  return { text: Buffer.concat(chunks), error };
}

/** Syslog-like lines that compress about 5:1: a few megabytes of gzip data, many batches. */
function logText(lines: number, seed: number): Buffer {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const y = Math.imul(x, 2654435761) >>> 0;
    const time = `2026-11-27T11:${String(i % 60).padStart(2, '0')}:00Z`;
    out.push(`${time} am1 rsaam[${x % 65536}]: user u${y % 997} token ${x.toString(36)}${y.toString(16)} event ${i}\n`);
  }
  return Buffer.from(out.join(''));
}

const dir = mkdtempSync(join(tmpdir(), 'aamlog-gunzip-worker-'));
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
let built: Decode;
const inputs: Record<string, string> = {};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  built = (await import(pathToFileURL(join(repoRoot, 'dist/read/decode.js')).href)) as Decode;
  const big = gzipSync(logText(200_000, 1));
  expect(big.length).toBeGreaterThan(3 * 1024 * 1024); // more batches than the worker holds at once
  const damaged = Buffer.from(big);
  damaged.fill(0xff, Math.floor(big.length * 0.55), Math.floor(big.length * 0.55) + 64);
  Object.assign(inputs, {
    big: file('big.log.gz', big),
    members: file(
      'members.log.gz',
      Buffer.concat([gzipSync(logText(20_000, 2)), readFileSync(fixture('audit/multi-member.log.gz')), gzipSync(logText(20_000, 3))]),
    ),
    truncated: file('truncated.log.gz', big.subarray(0, Math.floor(big.length * 0.6))),
    corrupt: file('corrupt.log.gz', damaged),
    truncatedFixture: file('then-truncated.log.gz', Buffer.concat([big, readFileSync(fixture('audit/truncated.log.gz'))])),
    corruptFixture: file('then-corrupt.log.gz', Buffer.concat([big, readFileSync(fixture('audit/corrupt.log.gz'))])),
  });
});

describe('gzip data inflated in a worker thread', () => {
  it('is only inflated so by the build (src/ under vitest has no worker script)', () => {
    expect(existsSync(join(repoRoot, 'dist/read/gunzip-worker.js'))).toBe(true);
    expect(existsSync(new URL('../src/read/gunzip-worker.js', import.meta.url))).toBe(false);
  });

  it.each(['big', 'members'])('gives the in-thread text of %s, which inflates whole', async (name) => {
    const worker = await decode(built, inputs[name]);
    expect(worker.error).toBeNull();
    expect(worker.text.equals(gunzipSync(readFileSync(inputs[name])))).toBe(true);
    expectSame(worker, await decode(inThread, inputs[name]));
  });

  it.each(['truncated', 'truncatedFixture'])('gives every byte before the cut of %s, then Z_BUF_ERROR', async (name) => {
    const worker = await decode(built, inputs[name]);
    expect(worker.error).toEqual({ code: 'Z_BUF_ERROR', message: 'unexpected end of file' });
    const beforeCut = gunzipSync(readFileSync(inputs[name]), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(worker.text.equals(beforeCut)).toBe(true);
    expectSame(worker, await decode(inThread, inputs[name]));
  });

  it.each(['corrupt', 'corruptFixture'])('gives what the in-thread path recovers from %s, then Z_DATA_ERROR', async (name) => {
    const worker = await decode(built, inputs[name]);
    expect(worker.error?.code).toBe('Z_DATA_ERROR');
    expect(worker.text.length).toBeGreaterThan(1024 * 1024);
    expectSame(worker, await decode(inThread, inputs[name]));
  });

  it.skipIf(!existsSync('/proc/self/task'))('ends the worker when the reader stops early', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    await decode(built, inputs.big); // zlib's thread pool is started
    // The worker of that read may still be ending: count threads once they hold still.
    let before = threads();
    await vi.waitFor(async () => {
      const seen = before;
      await new Promise((resolve) => setTimeout(resolve, 100));
      before = threads();
      expect(before).toBe(seen);
    }, { timeout: 5000 });
    const info: inThread.DecodeInfo = { gzip: false, encoding: 'utf-8', encodingNote: null };
    const text = built.inflate(readFileChunks(inputs.big), info, () => readFileChunks(inputs.big, { regularOnly: true }));
    await text.next();
    await vi.waitFor(() => expect(threads()).toBeGreaterThan(before), { timeout: 5000 });
    await text.return(undefined);
    await vi.waitFor(() => expect(threads()).toBe(before), { timeout: 5000 });
  });
});
