import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A private temporary directory for values that must not appear in command lines, such as a
 * request body with a client secret or a response with a live access token. Child processes
 * get the file path, which `ps` may show, and read the value from the file.
 */
export class SecretFiles {
  // mkdtemp creates the directory with mode 0700, so only this user can list or open it.
  private readonly directory = mkdtempSync(path.join(tmpdir(), 'bench-secrets-'));

  /** Writes `content` to a new file that only this user can read, and returns its path. */
  write(name: string, content: string): string {
    const file = path.join(this.directory, name);
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    return file;
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
