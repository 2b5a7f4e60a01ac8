/**
 * An error the user can act on. The core throws it with the file (and line) involved;
 * the CLI prints `message` and exits with `exitCode`.
 */
export class AamlogError extends Error {
  constructor(
    message: string,
    readonly exitCode: 2 | 3 = 2,
  ) {
    super(message);
    this.name = 'AamlogError';
  }
}

/** A Node system error's short text, e.g. "permission denied" for EACCES. */
export function describeSystemError(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'Z_BUF_ERROR':
      return 'gzip data ends early (truncated file)';
    case 'Z_DATA_ERROR':
      return `corrupt gzip data (${err.message})`;
    default:
      return err?.message ?? String(error);
  }
}
