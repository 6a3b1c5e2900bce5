import { describe, expect, it } from 'vitest';
import { createHandleSummary } from '../../load/lib/summary/handle-summary.js';
import { headline } from '../../load/lib/summary/headline.js';
import { escapeXml, junitReport } from '../../load/lib/summary/junit.js';
import { textSummary } from '../../load/lib/summary/text.js';
import { thresholdResults } from '../../load/lib/summary/types.js';
import { settingsFor } from './env-fixture.js';
import { sampleSummary } from './summary-fixture.js';

describe('handleSummary', () => {
  const settings = settingsFor('client-credentials', { LOAD_RESULTS_DIR: '/tmp/run-1/' });
  const outputs = createHandleSummary(settings)(sampleSummary());

  it('writes three files and stdout', () => {
    expect(Object.keys(outputs).sort()).toEqual([
      '/tmp/run-1/junit.xml',
      '/tmp/run-1/summary.json',
      '/tmp/run-1/summary.txt',
      'stdout',
    ]);
  });

  it('writes the data as JSON', () => {
    expect(JSON.parse(outputs['/tmp/run-1/summary.json'] ?? '')).toEqual(sampleSummary());
  });

  it('prints the text summary', () => {
    expect(outputs.stdout).toBe(outputs['/tmp/run-1/summary.txt']);
  });
});

describe('thresholdResults', () => {
  it('reads the compared value', () => {
    const failed = thresholdResults(sampleSummary()).filter((result) => !result.ok);

    expect(failed).toEqual([
      {
        metric: 'issue_client_credentials_duration',
        expression: 'p(95)<500',
        ok: false,
        value: 612.25,
        contains: 'time',
      },
    ]);
  });
});

describe('junitReport', () => {
  const xml = junitReport(sampleSummary(), 'token-load.client-credentials');

  it('counts tests and failures', () => {
    expect(xml).toContain('<testsuites tests="7" failures="2">');
  });

  it('fails the broken threshold', () => {
    expect(xml).toContain(
      '<failure message="issue_client_credentials_duration p(95)&lt;500 failed (actual 612.25)"/>',
    );
  });

  it('fails a check with failures', () => {
    expect(xml).toContain('<failure message="2 of 600 failed"/>');
  });

  it('passes a clean check', () => {
    expect(xml).toContain('name="issue_client_credentials: token_type is Bearer"/>');
  });

  it('escapes markup', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe('textSummary', () => {
  const text = textSummary(sampleSummary(), 'title');

  it('shows the headline', () => {
    expect(text).toContain('requests        600 (10.00/s)');
    expect(text).toContain('dropped iters   3');
  });

  it('shows thresholds with actual values', () => {
    expect(text).toMatch(
      /FAIL issue_client_credentials_duration\s+p\(95\)<500 {2}\(actual 612.25 ms\)/,
    );
  });

  it('lists each step that ran', () => {
    expect(text).toMatch(/issue_client_credentials\s+avg 19.00/);
  });
});

describe('headline', () => {
  const numbers = headline(sampleSummary());

  it('reads throughput and latency', () => {
    expect(numbers.requestsPerSecond).toBe(10);
    expect(numbers.p95Ms).toBe(41.5);
    expect(numbers.stepP95Ms).toEqual({ issue_client_credentials: 612.25 });
  });

  it('reads failures and saturation', () => {
    expect(numbers.failedRequests).toBe(2);
    expect(numbers.checksFailed).toBe(2);
    expect(numbers.droppedIterations).toBe(3);
    expect(numbers.thresholdsFailed).toBe(1);
  });

  it('reads zero from missing metrics', () => {
    const data = sampleSummary();
    data.metrics = {};

    expect(headline(data).requests).toBe(0);
  });
});
