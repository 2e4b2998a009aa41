import { readFileSync, writeFileSync } from 'node:fs';
import { renderProviderTable, withProviderTable } from './provider-table-markdown.js';

/** Prints the README's provider table; `--write` puts it into README.md between its markers. */
if (process.argv.includes('--write')) {
  writeFileSync('README.md', withProviderTable(readFileSync('README.md', 'utf8')));
  console.log('wrote the provider table into README.md');
} else {
  console.log(renderProviderTable());
}
