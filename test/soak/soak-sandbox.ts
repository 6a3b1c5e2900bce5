import {
  type Fault,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';

/**
 * A sandbox that can disappear and come back on the same port, so a monitor's fixed target URL
 * meets the outage as refused connections and the return as a fresh server.
 */
export class SoakSandbox {
  private current: Sandbox | undefined;
  private starts = 0;

  private constructor(
    private readonly options: SandboxOptions,
    readonly port: number,
    first: Sandbox,
  ) {
    this.current = first;
    this.starts = 1;
  }

  static async start(options: SandboxOptions): Promise<SoakSandbox> {
    const first = await startSandbox({ ...options, host: '127.0.0.1', port: 0 });
    return new SoakSandbox(options, first.port, first);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Number of servers started on the port so far. */
  get startCount(): number {
    return this.starts;
  }

  private running(): Sandbox {
    if (this.current === undefined) {
      throw new Error('the soak sandbox is closed; call reopen() first');
    }
    return this.current;
  }

  /** Sets faults through the in-process state. */
  setFaults(faults: Fault[]): void {
    this.running().state.setFaults(faults);
  }

  /** Sets faults through the admin HTTP API, as another process would. */
  async putFaults(faults: Fault[]): Promise<void> {
    const response = await fetch(`${this.url}/__admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`PUT /__admin/faults returned status ${response.status}`);
    }
  }

  /** Clears faults through the admin HTTP API. */
  async deleteFaults(): Promise<void> {
    const response = await fetch(`${this.url}/__admin/faults`, { method: 'DELETE' });
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`DELETE /__admin/faults returned status ${response.status}`);
    }
  }

  async close(): Promise<void> {
    const closing = this.current;
    this.current = undefined;
    await closing?.close();
  }

  /** Starts a new sandbox with the same options on the same port. */
  async reopen(): Promise<void> {
    if (this.current !== undefined) {
      return;
    }
    this.current = await startSandbox({ ...this.options, host: '127.0.0.1', port: this.port });
    this.starts += 1;
  }
}
