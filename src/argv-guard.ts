/** Option names that would carry a secret if a command accepted them, as regex patterns. */
const SECRET_OPTION_NAMES = [
  'client[-_]?secret',
  'secret',
  'password',
  'customer[-_]?password',
  'token',
  'access[-_]?token',
  'refresh[-_]?token',
  'customer[-_]?token',
];

/** An option with one of those names: `-name` or `--name`, alone or followed by `=value`. */
const SECRET_OPTION = new RegExp(`^--?(${SECRET_OPTION_NAMES.join('|')})(=|$)`, 'i');

/** An assignment such as `MOLTIN_CLIENT_SECRET=...` to a variable whose name marks a secret. */
const SECRET_ASSIGNMENT = /^([A-Z][A-Z0-9_]*(SECRET|PASSWORD|TOKEN)[A-Z0-9_]*)=/i;

/** Environment variables whose values must never appear on a command line. */
const SECRET_ENV = ['MOLTIN_CLIENT_SECRET', 'MOLTIN_CUSTOMER_PASSWORD'];

/**
 * Finds secrets on the command line, where other users can read them in the process table
 * and shells keep them in history. Returns one message per problem, never the value itself.
 */
export function findSecretArguments(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): string[] {
  const problems: string[] = [];
  const secretValues = SECRET_ENV.map((name) => [name, env[name]] as const).filter(
    (entry): entry is readonly [string, string] => (entry[1]?.length ?? 0) >= 4,
  );

  argv.forEach((argument, index) => {
    const option = SECRET_OPTION.exec(argument);
    if (option) {
      problems.push(
        `argument ${index + 1} passes a secret as ${option[1]}; ` +
          'set MOLTIN_CLIENT_SECRET or MOLTIN_CUSTOMER_PASSWORD (or their _FILE variants) instead',
      );
      return;
    }

    const assignment = SECRET_ASSIGNMENT.exec(argument);
    if (assignment) {
      problems.push(
        `argument ${index + 1} assigns ${assignment[1]}, a secret; ` +
          'export it in the environment (or use its _FILE variant) instead of passing it',
      );
      return;
    }

    for (const [name, value] of secretValues) {
      if (argument.includes(value)) {
        problems.push(
          `argument ${index + 1} contains the value of ${name}; ` +
            'secrets belong in the environment, never in arguments',
        );
      }
    }
  });

  return problems;
}
