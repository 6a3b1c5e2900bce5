/**
 * Example values from the contract mapped to real ones from the provider: client ids and
 * secrets, access tokens, customer emails. State handlers add pairs, and the request filter
 * applies them to each request the verifier replays.
 */
export class Substitutions {
  private readonly pairs = new Map<string, string>();

  set(example: string, real: string): void {
    if (example !== real) {
      this.pairs.set(example, real);
    }
  }

  /** Returns the real value for an example, or the value itself when none is mapped. */
  apply(value: string): string {
    return this.pairs.get(value) ?? value;
  }

  /** Real values, so reports can remove them from any text they print. */
  realValues(): string[] {
    return [...this.pairs.values()];
  }

  clear(): void {
    this.pairs.clear();
  }
}
