import { pathToFileURL } from 'node:url';

/** Runs `main` when the module is the script tsx was started with (and not when a test imports it). */
export function runWhenScript(meta: ImportMeta, name: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || meta.url !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
