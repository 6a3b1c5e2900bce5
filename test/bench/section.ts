/** One part of the benchmark record: a heading, the commands behind it and Markdown lines. */
export interface Section {
  title: string;
  /** Commands, as run, that produced the figures. */
  commands: string[];
  /** Markdown lines: tables, figures and notes. */
  lines: string[];
  /** One-line ratios printed to stdout. */
  summary: string[];
}

/** Formats a number with `digits` decimals, or `-` when it is not finite. */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** Quotes arguments that contain spaces or shell characters, for printing commands. */
export function shellLine(file: string, args: readonly string[]): string {
  const quote = (arg: string) =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
  return [file, ...args].map(quote).join(' ');
}

/** The Markdown table for `rows`, with `header` as its first row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}
