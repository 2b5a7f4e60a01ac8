/**
 * From raw bytes to UTF-8 text bytes: gzip is recognised by its magic bytes (whatever
 * the name, several members allowed), then a byte-order mark decides the encoding.
 */
import { existsSync } from 'node:fs';
import { Readable, pipeline, type TransformOptions } from 'node:stream';
import { TextDecoder } from 'node:util';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import type { FromGunzipWorker, ToGunzipWorker } from './gunzip-worker.js';

// Node's 16 KiB default is slower than zcat. 256 KiB is 3-6% slower than 1 MiB, still faster
// than zcat, and the chunks in flight between the threads hold less: peak memory 139 -> 131
// MB on the 500 MB bench file, against a 150 MB target.
export const GUNZIP_CHUNK = 256 * 1024;
/** Compressed bytes handed to zlib at once. */
const GUNZIP_INPUT = 1024 * 1024;
/** Inflated bytes zlib may hold ready, so it inflates the next chunks while this thread parses. */
const GUNZIP_AHEAD = 4 * GUNZIP_CHUNK;

/**
 * Reads `source` until `min` bytes are in hand (or it ends), then lets `decide` say what
 * follows from that head and the source's iterator: a Buffer to hand on, followed by the
 * rest of the source as it comes (the source's own steps, with none of this one's between
 * them: as async generators, the layers between a file and its parser took 50 ms of a
 * 500 MB read), or an iterable to hand on instead. The head is copied: a source may reuse
 * a chunk's memory once the next is read (see file-chunks.ts).
 */
function afterHead(
  source: AsyncIterable<Buffer>,
  min: number,
  decide: (head: Buffer, rest: AsyncIterator<Buffer>) => Buffer | AsyncIterable<Buffer>,
): Chunks {
  const rest = source[Symbol.asyncIterator]();
  let steps: AsyncIterator<Buffer> | null = null;
  const start = async (): Promise<AsyncIterator<Buffer>> => {
    const pending: Buffer[] = [];
    let size = 0;
    while (size < min) {
      const step = await rest.next();
      if (step.done) break;
      pending.push(Buffer.from(step.value));
      size += step.value.length;
    }
    let next: Buffer | AsyncIterable<Buffer>;
    try {
      next = decide(Buffer.concat(pending), rest);
    } catch (error) {
      await stopReading(rest); // a file read no further is closed
      throw error;
    }
    if (!Buffer.isBuffer(next)) return next[Symbol.asyncIterator]();
    if (next.length === 0) return rest;
    // The head, then the source itself.
    return {
      next: () => {
        steps = rest;
        return Promise.resolve({ value: next, done: false });
      },
      return: (value?: unknown) => stopReading(rest, value),
    };
  };
  return {
    next: () => (steps ? steps.next() : start().then((started) => (steps = started).next())),
    return: (value?: unknown) => stopReading(steps ?? rest, value),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** Chunks read in turn; `return` stops reading and closes what is read. */
export type Chunks = AsyncIterableIterator<Buffer> & { return(value?: unknown): Promise<IteratorResult<Buffer>> };

/** Stops an iterator of chunks (closing the file it reads), as `return` on `Chunks`. */
export function stopReading(chunks: AsyncIterator<Buffer>, value?: unknown): Promise<IteratorResult<Buffer>> {
  return chunks.return?.(value) ?? Promise.resolve({ value: undefined, done: true });
}

export interface DecodeInfo {
  gzip: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** How the encoding was decided, when it was not plain UTF-8. */
  encodingNote: string | null;
}

/**
 * Inflates gzip data (several members allowed) and passes anything else through. `reread`
 * gives the same compressed bytes again from the start (a file named by its path): with
 * it, corrupt data costs no text that could be inflated before the damage (see
 * inflateUpToDamage), and more than a batch of it is inflated in a worker thread, while
 * this one parses.
 */
export function inflate(
  source: AsyncIterable<Buffer>,
  info: DecodeInfo,
  reread?: () => AsyncIterable<Buffer>,
): Chunks {
  return afterHead(source, 2, (head, rest) => {
    if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) return head;
    info.gzip = true;
    return inflateGzip(new BatchReader(head, rest), reread);
  });
}

async function* inflateGzip(reader: BatchReader, reread?: () => AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (!reread || !existsSync(GUNZIP_WORKER)) {
    yield* inflateInThread(reader.batches(), reread);
    return;
  }
  const firstBatch = new Uint8Array(GUNZIP_INPUT);
  const firstSize = await reader.fill(firstBatch);
  if (reader.ended) {
    // Less than a batch inflates in a few milliseconds, less than a thread takes to start.
    yield* inflateInThread([Buffer.from(firstBatch.buffer, 0, firstSize)], reread);
  } else {
    yield* inflateInWorker(reader, firstBatch.buffer, reread);
  }
}

/**
 * The worker script, built beside this module in dist/. Where src/ runs as TypeScript
 * (the tests, through vitest) there is none, and gzip data is inflated in this thread.
 */
const GUNZIP_WORKER = new URL('./gunzip-worker.js', import.meta.url);

/** Inflates in this thread: zlib works on the thread pool, this thread hands out its steps. */
async function* inflateInThread(
  batches: Iterable<Buffer> | AsyncIterable<Buffer>,
  reread?: () => AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const options: ZlibOptions & TransformOptions = { chunkSize: GUNZIP_CHUNK, readableHighWaterMark: GUNZIP_AHEAD };
  const gunzip = createGunzip(options);
  // Errors (truncated or corrupt data, read errors) surface in the loop below, after
  // every byte decompressed before the damage has been handed on.
  pipeline(Readable.from(batches), gunzip, () => {});
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

/** Compressed batches the worker may hold at once; their buffers go back and forth. */
const WORKER_BATCHES = 2;

/**
 * Inflates in a worker thread (gunzip-worker.ts). This thread still reads the input, so
 * progress and read errors are as for any input, and sends it in batches of reused
 * buffers; the worker sends text back as it inflates, and stops a few megabytes ahead
 * of the parser (flat memory). `firstBatch` is full; the worker takes it over.
 */
async function* inflateInWorker(
  reader: BatchReader,
  firstBatch: ArrayBuffer,
  reread: () => AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const worker = new Worker(GUNZIP_WORKER);
  const inbox = new WorkerInbox(worker);
  const send = (message: ToGunzipWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  send({ kind: 'compressed', bytes: firstBatch, size: firstBatch.byteLength }, [firstBatch]);
  const spare = Array.from({ length: WORKER_BATCHES - 1 }, () => new ArrayBuffer(GUNZIP_INPUT));
  let delivered = 0;
  try {
    for (;;) {
      while (!reader.ended && spare.length > 0) {
        const batch = spare.pop() as ArrayBuffer;
        const size = await reader.fill(new Uint8Array(batch));
        if (size > 0) send({ kind: 'compressed', bytes: batch, size }, [batch]);
        if (reader.ended) send({ kind: 'end' });
      }
      const message = await inbox.take();
      switch (message.kind) {
        case 'text':
          delivered += message.size;
          yield Buffer.from(message.bytes, 0, message.size);
          send({ kind: 'consumed', bytes: message.bytes }, [message.bytes]);
          break;
        case 'taken':
          spare.push(message.bytes);
          break;
        case 'end':
          return;
        case 'failed': {
          // As Node's zlib error reads, for describeSystemError.
          const error = Object.assign(new Error(message.message), { code: message.code, errno: message.errno });
          if (message.code === 'Z_DATA_ERROR') yield* inflateUpToDamage(reread, delivered, message.soundBytes);
          throw error;
        }
        case 'stopped':
          throw message.error;
      }
    }
  } finally {
    void worker.terminate();
    await reader.close();
  }
}

/** What the gunzip worker sends, or that it stopped (a crash: it never stops on its own). */
type WorkerMessage = FromGunzipWorker | { kind: 'stopped'; error: Error };

/**
 * A worker's messages, taken in order. The worker keeps the process alive only while a
 * message is awaited: a consumer that drops the text unfinished cannot leave it hanging.
 */
class WorkerInbox {
  private readonly queue: WorkerMessage[] = [];
  private waiting: (() => void) | null = null;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (message: FromGunzipWorker) => this.put(message));
    worker.on('error', (error) => this.put({ kind: 'stopped', error }));
    worker.on('exit', (code) => this.put({ kind: 'stopped', error: new Error(`the gunzip worker stopped (exit code ${code})`) }));
  }

  private put(message: WorkerMessage): void {
    this.queue.push(message);
    this.waiting?.();
    this.waiting = null;
  }

  async take(): Promise<WorkerMessage> {
    if (this.queue.length === 0) {
      this.worker.ref();
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.worker.unref();
    }
    return this.queue.shift() as WorkerMessage;
  }
}

/**
 * Copies an input's chunks into batches of GUNZIP_INPUT bytes. zlib holds on to its input
 * while it works ahead (the reader reuses a chunk's memory), and one inflate step never
 * reads past one input chunk: bigger batches let each step fill a whole output chunk.
 */
class BatchReader {
  /** No input is left. */
  ended = false;
  private chunk: Buffer;
  private at = 0;

  constructor(
    first: Buffer,
    private readonly rest: AsyncIterator<Buffer>,
  ) {
    this.chunk = first;
  }

  /** Fills `batch` as far as the input goes; returns the bytes filled. */
  async fill(batch: Uint8Array): Promise<number> {
    let size = 0;
    while (size < batch.length) {
      if (this.at === this.chunk.length) {
        const next = await this.rest.next();
        if (next.done) {
          this.ended = true;
          break;
        }
        this.chunk = next.value;
        this.at = 0;
      }
      const bytes = Math.min(this.chunk.length - this.at, batch.length - size);
      batch.set(this.chunk.subarray(this.at, this.at + bytes), size);
      size += bytes;
      this.at += bytes;
    }
    return size;
  }

  async *batches(): AsyncGenerator<Buffer> {
    try {
      while (!this.ended) {
        const batch = Buffer.allocUnsafe(GUNZIP_INPUT);
        const size = await this.fill(batch);
        if (size > 0) yield batch.subarray(0, size);
      }
    } finally {
      await this.close();
    }
  }

  /** Stops reading: the input is closed. */
  async close(): Promise<void> {
    await stopReading(this.rest);
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

/** Yields UTF-8: strips a UTF-8 BOM, transcodes UTF-16 (with a BOM, or recognised by its NULs). */
export function toUtf8(source: AsyncIterable<Buffer>, info: DecodeInfo): Chunks {
  info.encoding = 'utf-8';
  return afterHead(source, 512, (head, rest) => {
    let encoding: DecodeInfo['encoding'] = 'utf-8';
    let skip = 0;
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
    info.encoding = encoding;
    return encoding === 'utf-8' ? head.subarray(skip) : fromUtf16(head.subarray(skip), rest, encoding);
  });
}

async function* fromUtf16(head: Buffer, rest: AsyncIterator<Buffer>, encoding: 'utf-16le' | 'utf-16be'): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  try {
    for (let chunk = head; ; ) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
      const step = await rest.next();
      if (step.done) break;
      chunk = step.value;
    }
  } finally {
    await stopReading(rest);
  }
  const text = decoder.decode();
  if (text.length > 0) yield Buffer.from(text, 'utf8');
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
