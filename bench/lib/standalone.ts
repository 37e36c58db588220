// A bench file run on its own (`node --import tsx bench/<file>.ts`) prints its cases as JSON.
import { pathToFileURL } from 'node:url';

/** Runs `bench` and prints its result when the module at `url` is the process's entry point. */
export function runWhenMain(url: string, bench: () => Promise<unknown>): void {
  if (url !== pathToFileURL(process.argv[1] ?? '').href) return;
  bench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
