/**
 * The WebAssembly modules of src/parse (quick-line.wat, csv-quick.wat): how they are
 * instantiated, and where in their memory they read a line or row.
 */

// Node has WebAssembly (unless run with --jitless); TypeScript declares it only with the DOM library.
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => unknown;
      Instance: new (module: unknown) => { exports: unknown };
    }
  | undefined;

/**
 * A module's exports, from its bytes in base64 (built by scripts/build-wasm.mjs);
 * null where Node has no WebAssembly (`--jitless`) or not the vector instructions the
 * modules use: the careful parsers then read every line and row, only slower.
 */
export function instantiate<Exports>(base64: string): (Exports & { memory: { buffer: ArrayBuffer } }) | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64'))).exports as Exports & {
      memory: { buffer: ArrayBuffer };
    };
  } catch {
    return null;
  }
}

/**
 * The bytes a module reads: a copy of the chunk being parsed, made once per chunk, or a
 * copy of a single line or row outside it (joined across chunks, or read again later).
 */
export class ModuleInput {
  /** The chunk whose copy is at `chunkAt`. */
  private chunk: Buffer | null = null;

  constructor(
    private readonly memory: Buffer,
    private readonly chunkAt: number,
    private readonly chunkBytes: number,
    private readonly lineAt: number,
    private readonly lineBytes: number,
  ) {}

  /** Copies `chunk` in, when it fits (its lines are then copied one by one). */
  takeChunk(chunk: Buffer): void {
    if (chunk.length <= this.chunkBytes) {
      chunk.copy(this.memory, this.chunkAt);
      this.chunk = chunk;
    } else {
      this.chunk = null;
    }
  }

  /** Where `chunk[0]` is in the module's memory; -1 unless it is the chunk copied last. */
  chunkBase(chunk: Buffer): number {
    return chunk === this.chunk ? this.chunkAt : -1;
  }

  /**
   * Where `buf[0]` is in the module's memory once `buf[start, end)` is there: in the
   * chunk's copy, or copied now (then before the copy, and below 0 for a line far into a
   * large buffer); null when it is longer than the module holds.
   */
  place(buf: Buffer, start: number, end: number): number | null {
    if (buf === this.chunk) return this.chunkAt;
    if (end - start > this.lineBytes) return null;
    buf.copy(this.memory, this.lineAt, start, end);
    return this.lineAt - start;
  }
}
