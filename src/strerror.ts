/**
 * The C library's text for a failed file operation (what ipmitool prints through perror and
 * strerror), from a Node error: `EISDIR: illegal operation on a directory, read` → `Is a directory`.
 */
const TEXT: Readonly<Record<string, string>> = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EIO: 'Input/output error',
  EBADF: 'Bad file descriptor',
  EACCES: 'Permission denied',
  EBUSY: 'Device or resource busy',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EINVAL: 'Invalid argument',
  EMFILE: 'Too many open files',
  ETXTBSY: 'Text file busy',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
};

export function strerror(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(TEXT, code)) return TEXT[code]!;
  // An errno not in the table: Node's text without its "CODE: " prefix and ", syscall 'path'" tail.
  const message = String((e as Error | undefined)?.message ?? e);
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(message);
  const t = m ? m[1]! : message;
  return t.charAt(0).toUpperCase() + t.slice(1);
}
