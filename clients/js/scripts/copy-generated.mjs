// Copies the gateway's generated OpenAPI types (../../generated/openapi.d.ts, written by the
// gateway's `npm run generate`) into src/generated/ (before tsc) and, with `dist`, into
// dist/generated/ (after it: tsc emits no .d.ts inputs), so the package builds and ships on its own.
// test/generated-types.test.ts fails when the committed copy differs from the root file.
import { copyFileSync, mkdirSync } from 'node:fs';

const source = new URL('../../../generated/openapi.d.ts', import.meta.url);
const target = new URL(`../${process.argv[2] === 'dist' ? 'dist' : 'src'}/generated/`, import.meta.url);
mkdirSync(target, { recursive: true });
copyFileSync(source, new URL('openapi.d.ts', target));
