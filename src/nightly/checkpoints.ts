/**
 * How far each input has been read. An input is recognised by its content, a hash of its
 * first decoded bytes (after gunzip), never by name or inode: a log renamed, compressed
 * to .gz or copied before truncation is the same content, read on from where it was left.
 */
import { createHash } from 'node:crypto';
import type { ReadPosition, ResumeOptions } from '../ingest.js';

export interface Checkpoint {
  /** sha256 (hex) of the first `fingerprintBytes` decoded bytes. */
  fingerprint: string;
  /** HEAD_BYTES, or fewer when less had been read: then it covers all that was read. */
  fingerprintBytes: number;
  /** Decoded bytes read, through the last complete line. */
  bytes: number;
  lines: number;
  /** Where the content was last seen, for people reading the state. */
  path: string;
  lastSeenMs: number;
}

function fingerprintOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class CheckpointBook implements ResumeOptions {
  private readonly checkpoints: Checkpoint[];
  /** The checkpoint the input being read continues, if any. */
  private current: Checkpoint | null = null;

  constructor(checkpoints: Checkpoint[]) {
    this.checkpoints = checkpoints.map((c) => ({ ...c }));
  }

  /** Continues the checkpoint whose fingerprint the input's head has, preferring the longest. */
  startAt(head: Buffer): ReadPosition {
    this.current = null;
    for (const checkpoint of this.checkpoints) {
      if (checkpoint.fingerprintBytes > head.length) continue;
      if (fingerprintOf(head.subarray(0, checkpoint.fingerprintBytes)) !== checkpoint.fingerprint) continue;
      const better =
        !this.current ||
        checkpoint.fingerprintBytes > this.current.fingerprintBytes ||
        (checkpoint.fingerprintBytes === this.current.fingerprintBytes && checkpoint.bytes > this.current.bytes);
      if (better) this.current = checkpoint;
    }
    return this.current ? { bytes: this.current.bytes, lines: this.current.lines } : { bytes: 0, lines: 0 };
  }

  /** Records how far the input just read now is; later inputs of the same content go on from there. */
  finish(path: string, position: ReadPosition & { head: Buffer }, nowMs: number): void {
    const current = this.current;
    this.current = null;
    if (current && position.bytes <= current.bytes) {
      current.path = path;
      current.lastSeenMs = nowMs;
      return;
    }
    if (position.bytes === 0) return;
    const next: Checkpoint = {
      fingerprint: fingerprintOf(position.head),
      fingerprintBytes: position.head.length,
      bytes: position.bytes,
      lines: position.lines,
      path,
      lastSeenMs: nowMs,
    };
    // The new checkpoint covers the old one's content: it replaces it.
    if (current) this.checkpoints.splice(this.checkpoints.indexOf(current), 1, next);
    else this.checkpoints.push(next);
  }

  /** The checkpoints of content seen since `sinceMs` (older inputs are gone from rotation). */
  toList(sinceMs: number): Checkpoint[] {
    return this.checkpoints.filter((c) => c.lastSeenMs >= sinceMs);
  }
}
