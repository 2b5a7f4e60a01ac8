/**
 * Reads a file in 64 KiB chunks into one reused buffer. A stream allocates a fresh buffer
 * per chunk, and touching that new memory costs more than the read itself; reading
 * synchronously into the same buffer costs little more than the copy from the page cache.
 *
 * Each chunk is valid only until the next one is asked for: a consumer that keeps bytes
 * across chunks must copy them.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

const CHUNK_BYTES = 64 * 1024;
/** Chunks read between turns of the event loop, so timers (the progress line) still run. */
const CHUNKS_PER_TURN = 64;

/** `regularOnly`: read nothing from a pipe or device (a second read of it would wait or differ). */
export async function* readFileChunks(path: string, { regularOnly = false } = {}): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    // A file that grows while it is read (a live log) is read as far as it went when opened:
    // a writer faster than the reader would otherwise keep it reading forever. Pipes have no size.
    const info = fstatSync(fd);
    if (regularOnly && !info.isFile()) return;
    let left = info.isFile() ? info.size : Infinity;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let chunks = 1; left > 0; chunks++) {
      const bytes = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, left), null);
      if (bytes === 0) return;
      left -= bytes;
      yield buffer.subarray(0, bytes);
      if (chunks % CHUNKS_PER_TURN === 0) await nextTurn();
    }
  } finally {
    closeSync(fd);
  }
}
