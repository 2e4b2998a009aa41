// Copies the gateway's generated OpenAPI types, so the package builds and ships on its own:
// without an argument from ../../generated/openapi.d.ts (written by the gateway's `npm run
// generate`) into src/generated/ (before tsc); with `dist`, from src/generated/ into
// dist/generated/ (after it: tsc emits no .d.ts inputs). test/spec-coverage.test.ts fails when the
// committed src/generated/ copy differs from the root file.
import { copyFileSync, mkdirSync } from 'node:fs';

const toDist = process.argv[2] === 'dist';
const source = new URL(toDist ? '../src/generated/openapi.d.ts' : '../../../generated/openapi.d.ts', import.meta.url);
const target = new URL(`../${toDist ? 'dist' : 'src'}/generated/`, import.meta.url);
mkdirSync(target, { recursive: true });
copyFileSync(source, new URL('openapi.d.ts', target));
