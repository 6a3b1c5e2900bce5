import type { ScenarioName } from '../../load/lib/catalog.js';
import {
  acceptedForm,
  appliesTo,
  matchesRule,
  SETTING_RULES,
} from '../../load/lib/setting-rules.js';

/** Settings the launcher sets itself from the scenario argument and `--results`. */
const LAUNCHER_SETTINGS: Readonly<Record<string, string>> = {
  LOAD_SCENARIO: 'pass the scenario as the first argument of load instead',
  LOAD_RESULTS_DIR: 'pass --results instead',
};

/** Names whose values must not be echoed, in case one carries a credential. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL|AUTH/i;

function shown(name: string, raw: string): string {
  return SECRET_NAME.test(name) ? '(value hidden)' : JSON.stringify(raw);
}

function scenariosOf(name: string): string {
  const scenarios = SETTING_RULES[name]?.scenarios ?? [];
  return scenarios.join(' and ');
}

/** Checks one value given with `-e`; names the flag so the user finds it on their command line. */
function flagProblem(scenario: ScenarioName, name: string, raw: string): string | undefined {
  const label = `-e ${name}`;
  const rule = SETTING_RULES[name];

  if (LAUNCHER_SETTINGS[name] !== undefined) {
    return `${label} is set by the launcher; ${LAUNCHER_SETTINGS[name]}`;
  }
  if (rule === undefined) {
    const known = Object.keys(SETTING_RULES).join(', ');
    return `${label} is not a setting the load scripts read; use one of ${known}`;
  }
  if (raw === '') {
    return `${label} is empty; give ${acceptedForm(rule)}, or leave it out for the default`;
  }
  return valueProblem(label, scenario, name, raw);
}

function valueProblem(label: string, scenario: ScenarioName, name: string, raw: string) {
  const rule = SETTING_RULES[name];
  if (rule === undefined) {
    return undefined;
  }
  if (!matchesRule(rule, raw)) {
    return `${label} is ${shown(name, raw)}; use ${acceptedForm(rule)}`;
  }
  if (!appliesTo(rule, scenario)) {
    return (
      `${label} does not apply to the ${scenario} scenario; ` +
      `it shapes ${scenariosOf(name)} only`
    );
  }
  return undefined;
}

/**
 * Lists a problem for each LOAD_* value k6 would receive that the scripts would reject or the
 * scenario would ignore. `flags` are the values from `-e` and the shape options, which win
 * over the environment. As in the scripts, an empty environment value means the default.
 * Environment names the scripts do not read pass through unchecked.
 */
export function loadSettingProblems(
  scenario: ScenarioName,
  flags: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const problems: string[] = [];

  for (const name of Object.keys(flags)) {
    const problem = flagProblem(scenario, name, flags[name] ?? '');
    if (problem !== undefined) {
      problems.push(problem);
    }
  }

  for (const name of Object.keys(env)) {
    const raw = env[name];
    if (!name.startsWith('LOAD_') || name in flags || raw === undefined || raw === '') {
      continue;
    }
    const problem = valueProblem(`${name} in the environment`, scenario, name, raw);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }

  return problems;
}
