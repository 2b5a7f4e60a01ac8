/**
 * A worker thread that inflates the gzip data of one input (see inflateInWorker in
 * decode.ts). Compressed batches come in and text goes out in buffers that come back once
 * used: both are moved between the threads, not copied, and reused. zlib's output is
 * copied into the text buffers here: zlib takes a new buffer for every chunk, and handing
 * those on left their garbage to the parsing thread, where peak memory then grew with
 * the input; this thread frees them every few dozen megabytes.
 */
import type { TransformOptions } from 'node:stream';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { GUNZIP_CHUNK } from './decode.js';

/** Text buffers (GUNZIP_CHUNK bytes each) out at once, past which inflating waits: memory stays flat. */
const TEXT_BUFFERS = 4;

export type ToGunzipWorker =
  | { kind: 'compressed'; bytes: ArrayBuffer; size: number }
  | { kind: 'end' }
  /** A text buffer the parser is done with. */
  | { kind: 'consumed'; bytes: ArrayBuffer };

export type FromGunzipWorker =
  | { kind: 'text'; bytes: ArrayBuffer; size: number }
  /** zlib is done with a compressed batch: its buffer is handed back for the next one. */
  | { kind: 'taken'; bytes: ArrayBuffer }
  | { kind: 'end' }
  /** `soundBytes`: compressed bytes zlib took in before the failing step. */
  | { kind: 'failed'; code: string | undefined; errno: number | undefined; message: string; soundBytes: number };

const port = parentPort as MessagePort;
const send = (message: FromGunzipWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// With no read-ahead buffer, zlib stops while paused instead of holding text that an
// error (a truncated file) would throw away unsent.
const options: ZlibOptions & TransformOptions = { chunkSize: GUNZIP_CHUNK, readableHighWaterMark: 0 };
const gunzip = createGunzip(options);
const freeText: ArrayBuffer[] = [];
let textOut = 0;
gunzip.on('data', (chunk: Buffer) => {
  const bytes = freeText.pop() ?? new ArrayBuffer(GUNZIP_CHUNK);
  new Uint8Array(bytes).set(chunk);
  send({ kind: 'text', bytes, size: chunk.length }, [bytes]);
  if (++textOut === TEXT_BUFFERS) gunzip.pause();
});
gunzip.on('end', () => send({ kind: 'end' }));
gunzip.on('error', (error: NodeJS.ErrnoException) => {
  send({ kind: 'failed', code: error.code, errno: error.errno, message: error.message, soundBytes: gunzip.bytesWritten });
});

// zlib inflates a batch still queued when the stream ends with Z_FINISH, and of a
// truncated file that step's text is lost with the error: the end waits for the writes.
let writing = 0;
let inputEnded = false;
const endWhenWritten = () => {
  if (inputEnded && writing === 0) gunzip.end();
};

port.on('message', (message: ToGunzipWorker) => {
  switch (message.kind) {
    case 'compressed':
      writing++;
      gunzip.write(Buffer.from(message.bytes, 0, message.size), (error) => {
        writing--;
        if (error) return;
        send({ kind: 'taken', bytes: message.bytes }, [message.bytes]);
        endWhenWritten();
      });
      break;
    case 'end':
      inputEnded = true;
      endWhenWritten();
      break;
    case 'consumed':
      freeText.push(message.bytes);
      textOut--;
      gunzip.resume();
      break;
  }
});
