import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withProviderTable } from '../scripts/provider-table-markdown.js';

describe("README's provider table", () => {
  it('is the one generated from the provider table (npm run providers:table -- --write)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withProviderTable(readme));
  });
});
