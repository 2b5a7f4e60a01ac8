/**
 * From raw bytes to UTF-8 text bytes: gzip is recognised by its magic bytes (whatever
 * the name, several members allowed), then a byte-order mark decides the encoding.
 */
import { Readable, pipeline } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';

const GUNZIP_CHUNK = 256 * 1024; // Node's 16 KiB default is slower than zcat

/** Reads until `min` bytes are in hand (or the input ends), then yields everything. */
async function* withHead(
  source: AsyncIterable<Buffer>,
  min: number,
  onHead: (head: Buffer) => void,
): AsyncGenerator<Buffer> {
  const pending: Buffer[] = [];
  let size = 0;
  let headSeen = false;
  for await (const chunk of source) {
    if (headSeen) {
      yield chunk;
      continue;
    }
    pending.push(chunk);
    size += chunk.length;
    if (size >= min) {
      headSeen = true;
      const head = Buffer.concat(pending);
      onHead(head);
      yield head;
    }
  }
  if (!headSeen) {
    const head = Buffer.concat(pending);
    onHead(head);
    if (head.length > 0) yield head;
  }
}

export interface DecodeInfo {
  gzip: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** How the encoding was decided, when it was not plain UTF-8. */
  encodingNote: string | null;
}

export async function* inflate(source: AsyncIterable<Buffer>, info: DecodeInfo): AsyncGenerator<Buffer> {
  let gzip = false;
  const headed = withHead(source, 2, (head) => {
    gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  });
  const first = await headed.next();
  if (first.done) return;
  if (!gzip) {
    yield first.value;
    yield* headed;
    return;
  }
  info.gzip = true;
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  const compressed = Readable.from(
    (async function* () {
      yield first.value;
      yield* headed;
    })(),
  );
  // Errors (truncated or corrupt data, read errors) surface in the loop below, after
  // every byte decompressed before the damage has been handed on.
  pipeline(compressed, gunzip, () => {});
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/** Yields UTF-8: strips a UTF-8 BOM, transcodes UTF-16 (with a BOM, or recognised by its NULs). */
export async function* toUtf8(source: AsyncIterable<Buffer>, info: DecodeInfo): AsyncGenerator<Buffer> {
  let encoding: DecodeInfo['encoding'] = 'utf-8';
  let skip = 0;
  const headed = withHead(source, 512, (head) => {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      skip = 3;
    } else if (head[0] === 0xff && head[1] === 0xfe) {
      encoding = 'utf-16le';
      skip = 2;
      info.encodingNote = 'UTF-16LE (byte-order mark)';
    } else if (head[0] === 0xfe && head[1] === 0xff) {
      encoding = 'utf-16be';
      skip = 2;
      info.encodingNote = 'UTF-16BE (byte-order mark)';
    } else if (looksLikeUtf16Le(head)) {
      encoding = 'utf-16le';
      info.encodingNote = 'UTF-16LE without a byte-order mark (recognised by its NUL bytes)';
    }
  });
  info.encoding = 'utf-8';
  let first = true;
  let decoder: TextDecoder | null = null;
  for await (let chunk of headed) {
    if (first) {
      first = false;
      info.encoding = encoding;
      if (encoding !== 'utf-8') decoder = new TextDecoder(encoding);
      chunk = chunk.subarray(skip);
    }
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    } else if (chunk.length > 0) {
      yield chunk;
    }
  }
  if (decoder) {
    const text = decoder.decode();
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
}

/** ASCII text in UTF-16LE has a NUL in (nearly) every odd byte and none in the even ones. */
function looksLikeUtf16Le(head: Buffer): boolean {
  const pairs = Math.floor(Math.min(head.length, 512) / 2);
  if (pairs < 4) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNuls++;
    if (head[2 * i + 1] === 0) oddNuls++;
  }
  return oddNuls >= pairs * 0.9 && evenNuls <= pairs * 0.05;
}
