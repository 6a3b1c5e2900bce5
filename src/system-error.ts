/** A Node system error, such as `listen EADDRINUSE` or `open EACCES`. */
interface SystemError extends Error {
  code: string;
  path?: string;
  address?: string;
  port?: number;
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Describes a system error caused by a value the user chose, such as a port in use, in one
 * line with the value and a fix. Returns `undefined` for errors the user cannot fix.
 */
export function describeSystemError(error: unknown): string | undefined {
  if (!isSystemError(error)) {
    return undefined;
  }

  const path = error.path === undefined ? undefined : JSON.stringify(error.path);

  switch (error.code) {
    case 'EADDRINUSE':
      return (
        `${error.address ?? 'the address'}:${error.port ?? '?'} is already in use; ` +
        'choose another port, or 0 for a free one'
      );
    case 'EADDRNOTAVAIL':
      return (
        `${error.address ?? 'the address'} is not an address of this machine; ` +
        'bind 127.0.0.1 or one of its own addresses'
      );
    case 'EACCES':
    case 'EPERM':
      return path === undefined
        ? `permission denied (${error.code}); use a port above 1023 or a path you may write`
        : `permission denied for ${path}; choose a path you may write`;
    case 'EISDIR':
      return `${path ?? 'the path'} is a folder; give a file path inside it`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${path ?? 'the path'} has a file where a folder is needed; choose another path`;
    case 'ENOENT':
      return `${path ?? 'the path'} does not exist; create it or choose another path`;
    case 'EROFS':
      return `${path ?? 'the path'} is on a read-only file system; choose a writable path`;
    default:
      return undefined;
  }
}
