/**
 * From raw bytes to UTF-8 text bytes: gzip is recognised by its magic bytes (whatever
 * the name, several members allowed), then a byte-order mark decides the encoding.
 */
import { Readable, pipeline, type TransformOptions } from 'node:stream';
import { TextDecoder } from 'node:util';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createGunzip, type ZlibOptions } from 'node:zlib';

const GUNZIP_CHUNK = 1024 * 1024; // Node's 16 KiB default is slower than zcat
/** Compressed bytes handed to zlib at once. */
const GUNZIP_INPUT = 1024 * 1024;
/** Inflated bytes zlib may hold ready, so it inflates the next chunks while this thread parses. */
const GUNZIP_AHEAD = 4 * GUNZIP_CHUNK;

/**
 * Reads until `min` bytes are in hand (or the input ends), then yields everything. Chunks
 * may be reused by their source once the next is read (see file-chunks.ts), so those held
 * back are copied.
 */
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
    pending.push(Buffer.from(chunk));
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

/**
 * Inflates gzip data (several members allowed) and passes anything else through. `reread`
 * gives the same compressed bytes again from the start (a regular file): with it, corrupt
 * data costs no text that could be inflated before the damage (see inflateUpToDamage).
 */
export async function* inflate(
  source: AsyncIterable<Buffer>,
  info: DecodeInfo,
  reread?: () => AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
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
  const options: ZlibOptions & TransformOptions = { chunkSize: GUNZIP_CHUNK, readableHighWaterMark: GUNZIP_AHEAD };
  const gunzip = createGunzip(options);
  const compressed = Readable.from(batched(first.value, headed, GUNZIP_INPUT));
  // Errors (truncated or corrupt data, read errors) surface in the loop below, after
  // every byte decompressed before the damage has been handed on.
  pipeline(compressed, gunzip, () => {});
  let delivered = 0;
  try {
    for await (const chunk of gunzip) {
      delivered += (chunk as Buffer).length;
      yield chunk as Buffer;
      // zlib hands out work from this thread: a turn of the event loop between chunks keeps
      // it inflating in the background instead of waiting until its buffer runs dry.
      await nextTurn();
    }
  } catch (error) {
    if (reread && (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
      yield* inflateUpToDamage(reread, delivered, gunzip.bytesWritten);
    }
    throw error;
  }
}

/**
 * Node's zlib drops all it inflated in the step that meets corrupt data, up to a whole
 * output chunk (a megabyte of records). The input is inflated again, in ever smaller
 * writes from the last place known to be sound, until the step that fails is one
 * compressed byte: then everything inflatable before the damage is in hand, and what
 * follows the `delivered` bytes already handed on is yielded.
 */
async function* inflateUpToDamage(
  reread: () => AsyncIterable<Buffer>,
  delivered: number,
  soundBytes: number,
): AsyncGenerator<Buffer> {
  let sound = soundBytes;
  for (const writeSize of [RECOVERY_COARSE_WRITE, 1]) {
    const recovered: Buffer[] = [];
    let inflated = 0;
    const keep = (chunk: Buffer) => {
      const from = Math.max(0, delivered - inflated);
      inflated += chunk.length;
      if (writeSize === 1 && from < chunk.length) recovered.push(chunk.subarray(from));
    };
    const failedAt = await inflateInWrites(reread(), sound, writeSize, keep);
    if (failedAt === null) return; // the damage did not show again (the file changed): nothing to add
    sound = failedAt;
    if (writeSize === 1) yield* recovered;
  }
}

/** Recovery writes after the last sound place before the last one byte at a time. */
const RECOVERY_COARSE_WRITE = 4096;

/**
 * Inflates `source`, written to zlib whole up to `fineFrom` and in `writeSize` pieces
 * after it. Returns the compressed bytes zlib took in without error when it fails, or
 * null when the data inflates to its end.
 */
async function inflateInWrites(
  source: AsyncIterable<Buffer>,
  fineFrom: number,
  writeSize: number,
  onData: (chunk: Buffer) => void,
): Promise<number | null> {
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
  gunzip.on('data', onData);
  let failed = false;
  // A failed write's callback may never run once zlib destroys the stream: the error ends the wait.
  const failure = new Promise<void>((resolve) => {
    gunzip.once('error', () => {
      failed = true;
      resolve();
    });
  });
  const write = (piece: Buffer) => Promise.race([failure, new Promise<void>((resolve) => gunzip.write(piece, () => resolve()))]);
  let offset = 0;
  for await (const chunk of source) {
    let at = 0;
    while (at < chunk.length && !failed) {
      const whole = offset + at < fineFrom;
      const size = Math.min(chunk.length - at, whole ? fineFrom - offset - at : writeSize);
      // zlib may still read a piece after the write returns; the reader reuses chunks.
      await write(Buffer.from(chunk.subarray(at, at + size)));
      at += size;
    }
    if (failed) break;
    offset += chunk.length;
  }
  if (!failed) await Promise.race([failure, new Promise<void>((resolve) => gunzip.end(resolve))]);
  gunzip.destroy();
  return failed ? gunzip.bytesWritten : null;
}

/**
 * Copies chunks into batches of about `size` bytes. zlib holds on to its input while it
 * works ahead (the reader reuses a chunk's memory), and one inflate step never reads past
 * one input chunk: bigger batches let each step fill a whole output chunk.
 */
async function* batched(first: Buffer, rest: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [first];
  let pendingBytes = first.length;
  for await (const chunk of rest) {
    pending.push(Buffer.from(chunk));
    pendingBytes += chunk.length;
    if (pendingBytes >= size) {
      yield Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
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
    } else {
      const share = binaryShare(head.subarray(skip, skip + BINARY_SAMPLE));
      if (share > BINARY_SHARE) {
        throw new Error(
          `not a text file: ${Math.round(share * 100)}% of its first bytes are control characters or not UTF-8; nothing was read from it`,
        );
      }
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

/** Bytes of a head looked at to tell text from binary data. */
const BINARY_SAMPLE = 4096;
/** Above this share of suspect bytes, a head is binary (random or compressed data: about half). */
const BINARY_SHARE = 0.1;

/**
 * The share of a head's bytes that no log holds: control characters other than blanks
 * and ESC, and bytes of invalid UTF-8 sequences. NUL bytes are left out, since logs are
 * padded with them after a crash; a head of (nearly) only NULs is not judged.
 */
function binaryShare(sample: Buffer): number {
  let counted = 0;
  let suspect = 0;
  for (const b of sample) {
    if (b === 0) continue;
    counted++;
    if (b < 32 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) suspect++;
  }
  if (counted < 64) return 0;
  const text = sample.toString('utf8');
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) suspect++;
  return suspect / counted;
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
