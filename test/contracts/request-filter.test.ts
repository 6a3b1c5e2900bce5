import { describe, expect, it } from 'vitest';
import { createRequestFilter, type FilterRequest } from '../../src/contracts/request-filter.js';
import { Substitutions } from '../../src/contracts/substitutions.js';

function filterOnce(request: FilterRequest, substitutions = new Substitutions()): FilterRequest {
  let called = false;
  createRequestFilter(substitutions)(request, {}, () => {
    called = true;
  });

  expect(called).toBe(true);
  return request;
}

describe('request filter', () => {
  it('re-encodes parsed form body', () => {
    const request = filterOnce({
      url: '/oauth/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '999' },
      body: { grant_type: 'implicit', client_id: 'a b&c' },
    });

    expect(String(request.body)).toBe('grant_type=implicit&client_id=a+b%26c');
  });

  it('sets matching content length', () => {
    const request = filterOnce({
      url: '/oauth/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '999' },
      body: { grant_type: 'implicit', client_id: 'example' },
    });

    expect(request.headers['content-length']).toBe(String((request.body as Buffer).length));
  });

  it('keeps repeated form fields', () => {
    const request = filterOnce({
      url: '/oauth/access_token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: { grant_type: ['implicit', 'password'] },
    });

    expect(String(request.body)).toBe('grant_type=implicit&grant_type=password');
  });

  it('substitutes form values', () => {
    const substitutions = new Substitutions();
    substitutions.set('example-client-id', 'real-client-id');
    const request = filterOnce(
      {
        url: '/oauth/access_token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: { client_id: 'example-client-id' },
      },
      substitutions,
    );

    expect(String(request.body)).toBe('client_id=real-client-id');
  });

  it('swaps example bearer', () => {
    const substitutions = new Substitutions();
    substitutions.set('example-token', 'real-token');
    const request = filterOnce(
      { url: '/v2/customers/tokens', headers: { authorization: 'Bearer example-token' } },
      substitutions,
    );

    expect(request.headers.authorization).toBe('Bearer real-token');
  });

  it('keeps unknown bearer', () => {
    const request = filterOnce({
      url: '/v2/customers/tokens',
      headers: { authorization: 'Bearer never-issued' },
    });

    expect(request.headers.authorization).toBe('Bearer never-issued');
  });

  it('substitutes JSON string values', () => {
    const substitutions = new Substitutions();
    substitutions.set('pact@example.com', 'unique@example.com');
    const request = filterOnce(
      {
        url: '/v2/customers/tokens',
        headers: { 'content-type': 'application/json' },
        body: { data: { type: 'token', email: 'pact@example.com' } },
      },
      substitutions,
    );

    expect(JSON.parse(String(request.body))).toEqual({
      data: { type: 'token', email: 'unique@example.com' },
    });
  });

  it('leaves state setup alone', () => {
    const substitutions = new Substitutions();
    substitutions.set('example-token', 'real-token');
    const body = {
      state: 'the client holds an access token',
      params: { accessToken: 'example-token' },
    };
    const request = filterOnce(
      { url: '/_pactSetup', headers: { 'content-type': 'application/json' }, body },
      substitutions,
    );

    expect(request.body).toBe(body);
  });
});
