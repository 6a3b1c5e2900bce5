import { SecretDigester } from './secrets.js';

/** OAuth clients the sandbox accepts, by client id. */
export class ClientStore {
  private readonly digester = new SecretDigester();
  private readonly secrets = new Map<string, Buffer>();

  /** Adds a client, or replaces the secret of an existing one. */
  add(clientId: string, clientSecret: string): void {
    this.secrets.set(clientId, this.digester.digest(clientSecret));
  }

  has(clientId: string): boolean {
    return this.secrets.has(clientId);
  }

  /** Checks a secret. An unknown client id never matches. */
  verify(clientId: string, clientSecret: string): boolean {
    const digest = this.secrets.get(clientId);
    return digest !== undefined && this.digester.matches(clientSecret, digest);
  }

  clear(): void {
    this.secrets.clear();
  }
}
