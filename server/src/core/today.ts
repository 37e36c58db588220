// "Today" as the rules see it (RB108's review age, RB104's "in the future"): the local calendar date. Its own
// file so dist/cli.js can key a whole-run record (cli/run-record.ts) by it without loading the core.

/** The local date as YYYY-MM-DD (the time zone is the process's: TZ). */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
