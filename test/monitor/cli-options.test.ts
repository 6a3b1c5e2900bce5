import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseSince, portNumber } from '../../src/monitor/cli-options.js';
import { registerMonitorCommand } from '../../src/monitor/command.js';
import { registerReportCommand } from '../../src/monitor/report-command.js';

/** Builds a program whose parse errors throw instead of exiting, with output kept. */
function program() {
  const errors: string[] = [];
  const root = new Command('token-harness')
    .exitOverride()
    .configureOutput({ writeErr: (text) => errors.push(text), writeOut: () => {} });
  registerMonitorCommand(root);
  registerReportCommand(root);
  return { root, errors };
}

async function parseError(args: string[]): Promise<string> {
  const { root, errors } = program();
  await root.parseAsync(['node', 'token-harness', ...args]).catch(() => {});
  return errors.join('');
}

/** Returns whether an option's help line states its default, or whether it is a switch. */
function statesDefault(option: Option): boolean {
  return (
    !(option.required || option.optional) ||
    option.defaultValue !== undefined ||
    /\(default: /.test(option.description)
  );
}

describe('monitor option parsers', () => {
  it('port 99999 is rejected', () => {
    expect(() => portNumber('99999')).toThrow(/from 0 to 65535/);
  });

  it('port 65535 is accepted', () => {
    expect(portNumber('65535')).toBe(65535);
  });

  it('port 0 is accepted', () => {
    expect(portNumber('0')).toBe(0);
  });

  it('metrics port error names option', async () => {
    const message = await parseError(['monitor', '--metrics-port', '99999']);

    expect(message).toContain("option '--metrics-port <port>' argument '99999' is invalid");
  });

  for (const value of ['-1', '0', 'abc', '1.5', '']) {
    it(`timeout ${JSON.stringify(value)} is rejected`, async () => {
      const message = await parseError(['monitor', '--once', '--timeout', value]);

      expect(message).toContain(`option '--timeout <ms>' argument '${value}' is invalid`);
    });
  }

  it('timeout error names the unit', async () => {
    const message = await parseError(['monitor', '--timeout', '-1']);

    expect(message).toContain(
      'is invalid. Use a whole number of milliseconds from 1 to 2147483647.',
    );
  });

  it('unbounded count has no maximum', async () => {
    const message = await parseError(['monitor', '--alert-after', '0']);

    expect(message).toContain('is invalid. Use a whole number of runs of at least 1.');
  });

  it('port error starts capitalised', async () => {
    const message = await parseError(['monitor', '--metrics-port', 'x']);

    expect(message).toContain('is invalid. Use a port number from 0 to 65535');
  });

  it('since error starts capitalised', () => {
    expect(() => parseSince('soon', 0)).toThrow(/^Use a duration such as 30m/);
  });

  for (const value of ['', ' ', ',', ' , ']) {
    it(`only ${JSON.stringify(value)} is rejected`, async () => {
      const message = await parseError(['monitor', '--once', '--only', value]);

      expect(message).toContain(
        `option '--only <names>' argument '${value}' is invalid. Give at least one monitor name`,
      );
    });
  }

  it('report only empty is rejected', async () => {
    const message = await parseError(['report', '--only', '']);

    expect(message).toContain("option '--only <names>' argument '' is invalid");
  });

  for (const value of ['', '  ']) {
    it(`location ${JSON.stringify(value)} is rejected`, async () => {
      const message = await parseError(['monitor', '--once', '--location', value]);

      expect(message).toContain(
        `option '--location <name>' argument '${value}' is invalid. Give a value that is not empty`,
      );
    });
  }

  for (const [command, option] of [
    ['report', '--location <name>'],
    ['report', '--out <file>'],
    ['report', '--history-file <path>'],
    ['monitor', '--history-file <path>'],
    ['monitor', '--contract <file>'],
  ] as const) {
    it(`${command} empty ${option} is rejected`, async () => {
      const message = await parseError([command, option.split(' ')[0] ?? '', '']);

      expect(message).toContain(`option '${option}' argument '' is invalid`);
    });
  }
});

describe('help defaults', () => {
  for (const name of ['monitor', 'report']) {
    const command = program().root.commands.find((candidate) => candidate.name() === name);

    for (const option of command?.options ?? []) {
      it(`${name} ${option.long} states default`, () => {
        expect(statesDefault(option)).toBe(true);
      });
    }
  }

  it('monitor help shows timeout default', () => {
    const command = program().root.commands.find((candidate) => candidate.name() === 'monitor');

    expect(command?.helpInformation()).toMatch(/MOLTIN_TIMEOUT_MS, else\s+10000/);
  });
});
