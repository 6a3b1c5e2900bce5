import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/monitor/contract.js';

const contract = loadContract();
const token = {
  access_token: '0'.repeat(40),
  token_type: 'Bearer',
  expires_in: 3600,
  expires: 2_000_000_000,
  identifier: 'implicit',
};
const tokenResponse = {
  method: 'POST',
  path: '/oauth/access_token',
  status: 200,
  contentType: 'application/json; charset=utf-8',
};

describe('contract', () => {
  it('valid token body passes', () => {
    expect(contract.validate({ ...tokenResponse, body: token })).toEqual([]);
  });

  it('unknown identifier is reported', () => {
    const issues = contract.validate({
      ...tokenResponse,
      body: { ...token, identifier: 'password' },
    });

    expect(issues).toEqual(['identifier: must be equal to one of the allowed values']);
  });

  it('undocumented status is reported', () => {
    const issues = contract.validate({ ...tokenResponse, status: 201, body: token });

    expect(issues).toEqual(['status 201 is not documented for POST /oauth/access_token']);
  });

  it('wrong content type is reported', () => {
    const issues = contract.validate({ ...tokenResponse, contentType: 'text/html', body: token });

    expect(issues[0]).toMatch(/content type "text\/html" is not documented/);
  });

  it('path template matches id', () => {
    const customer = { type: 'customer', id: 'not-a-uuid', name: 'A', email: 'a@b.test' };
    const issues = contract.validate({
      method: 'GET',
      path: '/v2/customers/abc',
      status: 200,
      contentType: 'application/json',
      body: { data: customer },
    });

    expect(issues).toEqual(['data.id: must match format "uuid"']);
  });

  it('rejects swagger 2 documents', () => {
    const folder = mkdtempSync(join(tmpdir(), 'contract-'));
    const file = join(folder, 'old.yaml');
    writeFileSync(file, 'swagger: "2.0"\npaths: {}\n');
    try {
      expect(() => loadContract(file)).toThrow(/use an OpenAPI 3.0 or 3.1 document/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
