import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderProviderPage } from '../scripts/hub-docs-provider.js';
import { defaultMappings } from '../src/catalog/model-catalog.js';

describe('docs/provider.md', () => {
  it('is what npm run docs:provider generates from the registry defaults and the catalog', () => {
    expect(readFileSync(new URL('../docs/provider.md', import.meta.url), 'utf8')).toBe(renderProviderPage());
  });

  it('lists every default Hub model once, under its HF task name', () => {
    const page = renderProviderPage();
    for (const hubModel of new Set(defaultMappings.map((mapping) => mapping.hubModelId))) expect(page.split(`| [${hubModel}]`)).toHaveLength(2);
    expect(page).toContain('| `text-to-image` | `image-generation` |');
    expect(page).toContain('| `feature-extraction` | `embedding` |');
    expect(page).not.toMatch(/\| `image-generation` \| `image-generation`/);
  });

  it('the logos are valid SVG with a title, each with a PNG render', () => {
    for (const variant of ['light', 'dark']) {
      const svg = readFileSync(new URL(`../docs/assets/gatewayz-${variant}.svg`, import.meta.url), 'utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 128 128"/);
      expect(svg).toContain('<title id="title">Gatewayz</title>');
      const png = readFileSync(new URL(`../docs/assets/gatewayz-${variant}.png`, import.meta.url));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    }
  });
});
