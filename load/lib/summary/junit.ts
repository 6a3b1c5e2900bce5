import { allChecks, type SummaryData, thresholdResults } from './types.js';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

function testCase(className: string, name: string, failure: string | undefined): string {
  const open = `    <testcase classname="${escapeXml(className)}" name="${escapeXml(name)}"`;
  if (failure === undefined) {
    return `${open}/>`;
  }
  return `${open}>\n      <failure message="${escapeXml(failure)}"/>\n    </testcase>`;
}

/**
 * JUnit XML with one suite of thresholds and one of checks, so CI systems show which
 * threshold or check failed. `suite` prefixes both suite names.
 */
export function junitReport(data: SummaryData, suite: string): string {
  const thresholds = thresholdResults(data).map((result) => {
    const actual = result.value === undefined ? '' : ` (actual ${result.value})`;
    const failure = result.ok ? undefined : `${result.metric} ${result.expression} failed${actual}`;
    return testCase(`${suite}.thresholds`, `${result.metric} ${result.expression}`, failure);
  });
  const thresholdFailures = thresholdResults(data).filter((result) => !result.ok).length;

  const checks = allChecks(data.root_group).map((check) => {
    const failure =
      check.fails === 0 ? undefined : `${check.fails} of ${check.passes + check.fails} failed`;
    return testCase(`${suite}.checks`, check.name, failure);
  });
  const checkFailures = allChecks(data.root_group).filter((check) => check.fails > 0).length;

  const seconds = (data.state.testRunDurationMs / 1000).toFixed(3);
  const testCount = thresholds.length + checks.length;
  const failureCount = thresholdFailures + checkFailures;
  const suiteName = escapeXml(suite);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${testCount}" failures="${failureCount}">`,
    `  <testsuite name="${suiteName} thresholds" tests="${thresholds.length}" ` +
      `failures="${thresholdFailures}" time="${seconds}">`,
    ...thresholds,
    '  </testsuite>',
    `  <testsuite name="${suiteName} checks" tests="${checks.length}" ` +
      `failures="${checkFailures}" time="${seconds}">`,
    ...checks,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
