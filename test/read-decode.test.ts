/**
 * From a file's bytes to UTF-8 text (read/decode.ts): what comes out, and that the file is
 * closed however the reading ends (to its end, stopped early, or refused as binary data).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { inflate, toUtf8, type DecodeInfo } from '../src/read/decode.js';
import { readFileChunks } from '../src/read/file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'aamlog-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Files this process has open (Linux: elsewhere the tests that count them are skipped). */
const openFiles = () => readdirSync('/proc/self/fd').length;
const countsOpenFiles = existsSync('/proc/self/fd');

/** A log of `lines` lines, several 64 KiB chunks long. */
const log = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `2026-11-27 10:00:00,${String(i % 1000).padStart(3, '0')}, line ${i} caf\u00e9\n`).join('');

function decoder(name: string, bytes: Buffer): { text: ReturnType<typeof toUtf8>; info: DecodeInfo } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const info: DecodeInfo = { gzip: false, encoding: 'utf-8', encodingNote: null };
  return { text: toUtf8(inflate(readFileChunks(path), info), info), info };
}

async function all(text: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of text) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('decoding a file', () => {
  const text = log(20_000);

  it('gives plain UTF-8 as it is, a UTF-8 text without its byte-order mark, UTF-16 and gzip as UTF-8', async () => {
    const plain = decoder('plain.log', Buffer.from(text));
    expect(await all(plain.text)).toBe(text);
    expect(plain.info).toEqual({ gzip: false, encoding: 'utf-8', encodingNote: null });
    expect(await all(decoder('bom.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text)).toBe(text);
    const utf16 = decoder('utf16.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(await all(utf16.text)).toBe(text);
    expect(utf16.info.encoding).toBe('utf-16le');
    const gzip = decoder('log.gz', gzipSync(text));
    expect(await all(gzip.text)).toBe(text);
    expect(gzip.info.gzip).toBe(true);
    expect(await all(decoder('empty.log', Buffer.alloc(0)).text)).toBe('');
  });

  it.runIf(countsOpenFiles)('closes the file when the reader stops early, whatever the encoding', async () => {
    const before = openFiles();
    // Both a few 64 KiB chunks long, so the file is open after the first (a small gzip file
    // is read whole into its first batch).
    const inputs = [Buffer.from(text), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])];
    for (const [i, bytes] of inputs.entries()) {
      const { text: chunks } = decoder(`early-${i}.log`, bytes);
      expect((await chunks.next()).done).toBe(false);
      expect(openFiles()).toBe(before + 1);
      await chunks.return(undefined);
      expect(openFiles()).toBe(before);
    }
  });

  it.runIf(countsOpenFiles)('closes a file it refuses as binary data, and one it reads to its end', async () => {
    const before = openFiles();
    const noise = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 32));
    await expect(all(decoder('noise.bin', noise).text)).rejects.toThrow(/^not a text file/);
    expect(openFiles()).toBe(before);
    await all(decoder('whole.log', Buffer.from(text)).text);
    expect(openFiles()).toBe(before);
  });
});
