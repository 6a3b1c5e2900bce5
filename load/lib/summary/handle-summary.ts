import type { LoadSettings } from '../settings.js';
import { junitReport } from './junit.js';
import { textSummary } from './text.js';
import type { SummaryData } from './types.js';

/** File names inside the results folder. */
export const RESULT_FILES = Object.freeze({
  json: 'summary.json',
  junit: 'junit.xml',
  text: 'summary.txt',
});

/**
 * Builds the `handleSummary` export: k6 writes each returned entry to the file named by its
 * key, relative to the working directory, and prints the `stdout` entry in place of its own
 * end-of-test summary. k6 does not create the folder, so it must exist beforehand.
 */
export function createHandleSummary(settings: LoadSettings) {
  return (data: SummaryData): Record<string, string> => {
    const title = `token-harness load: ${settings.journey} / ${settings.scenario}`;
    const text = textSummary(data, title);
    const dir = settings.resultsDir;

    return {
      [`${dir}/${RESULT_FILES.json}`]: JSON.stringify(data, null, 2),
      [`${dir}/${RESULT_FILES.junit}`]: junitReport(data, `token-load.${settings.journey}`),
      [`${dir}/${RESULT_FILES.text}`]: text,
      stdout: text,
    };
  };
}
