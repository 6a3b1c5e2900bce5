import { describe, expect, it } from 'vitest';
import { RequestIds } from '../../src/sandbox/request-ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('have the UUID v4 format', () => {
    const ids = new RequestIds();

    for (let i = 0; i < 600; i++) expect(ids.next()).toMatch(UUID_V4);
  });

  it('stay unique across blocks', () => {
    const ids = new RequestIds();
    const seen = new Set(Array.from({ length: 2000 }, () => ids.next()));

    expect(seen.size).toBe(2000);
  });

  it('differ between instances', () => {
    expect(new RequestIds().next()).not.toBe(new RequestIds().next());
  });
});
