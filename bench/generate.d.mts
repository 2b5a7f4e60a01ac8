/** Types of generate.mjs, so the TypeScript tests can import it under `strict`. */
export type InputKind = 'syslog' | 'audit' | 'csv' | 'gzip';

export interface FileSummary {
  kind: InputKind | 'syslog-4x';
  path: string;
  /** Bytes on disk (compressed for gzip). */
  bytes: number;
  /** For gzip: the bytes of the syslog stream it holds. */
  uncompressedBytes?: number;
  /** Physical lines, counting stack-trace lines and line breaks inside quoted CSV fields. */
  lines: number;
  /** AM records (CSV: data rows). */
  records: number;
  /** OS noise and stack-trace lines. */
  otherLines: number;
  offlineFailures: number;
  offlineSuccesses: number;
}

export interface Manifest {
  size: number;
  seed: number;
  files: Partial<Record<InputKind | 'syslog-4x', FileSummary>>;
}

export const INPUT_KINDS: InputKind[];
export const FILE_NAMES: Record<InputKind, string>;
export const FAILURE_KEY: 'OA_DATA_DOWNLOAD_FAILED';
export const FAILURE_ACTIVITY_TEXT: 'Offline Authentication Data Download Failed';
export const CSV_COLUMNS: string[];
export const USER_FIELD_FOR_AWK: { syslog: number; audit: number };

export function parseSize(text: string): number;
export function writeSyslog(
  path: string,
  options: { size: number; seed?: number; gzipPath?: string },
): Promise<{ syslog: FileSummary; gzip?: FileSummary }>;
export function writeAuditFile(path: string, options: { size: number; seed?: number }): Promise<{ audit: FileSummary }>;
export function writeReportCsv(path: string, options: { size: number; seed?: number }): Promise<{ csv: FileSummary }>;
export function generateInputs(options: { dir: string; size: number; seed?: number; kinds?: InputKind[] }): Promise<Manifest>;
export function readManifest(dir: string): Promise<Manifest | null>;
export function writeManifest(dir: string, manifest: Manifest): Promise<void>;
