// Import rules for src/ (STYLE 9, DESIGN "Layout and layers"). Run: npm run lint:deps
//
// Layers, top to bottom. A module may import from its own layer or any layer below it, never above:
//
//   composition root   src/server.ts, src/app.ts, src/cluster.ts, src/plugins/**
//   http               src/http/**
//   trpc               src/trpc/**      (the procedures the OpenAPI document is generated from)
//   tasks              src/tasks/**
//   routing            src/routing/**
//   providers          src/providers/** (src/providers/spec/** is the adapter contract: every
//                                        layer may import it, and it imports nothing outside itself)
//   base               src/contract/**, src/errors.ts, src/catalog/**, src/billing/**, src/auth/**,
//                      src/ratelimit/**, src/db/**, src/observability/**, src/sync/**, src/config.ts, src/simulator/**
//
// Exempt from layering: *.test.ts files (they may reach anything they test), and test/, scripts/,
// bench/, which are not cruised. no-circular still applies to every module under src/, tests included.
//
// Every rule is a `forbidden` rule whose name says what it forbids; the message printed on a
// violation is the rule's `comment`.

const test = '\\.test\\.ts$';

const root = ['^src/(server|app|cluster)\\.ts$', '^src/plugins/'];
const http = ['^src/http/'];
const trpc = ['^src/trpc/'];
const tasks = ['^src/tasks/'];
const routing = ['^src/routing/'];
const providers = ['^src/providers/'];
const spec = ['^src/providers/spec/'];
const simulator = ['^src/simulator/'];
const config = ['^src/config\\.ts$'];
const base = [
  '^src/contract/',
  '^src/errors\\.ts$',
  '^src/catalog/',
  '^src/billing/',
  '^src/auth/',
  '^src/ratelimit/',
  '^src/db/',
  '^src/observability/',
  '^src/sync/',
  ...config,
  ...simulator,
];
const layered = [...root, ...http, ...trpc, ...tasks, ...routing, ...providers, ...base];

/** A layering rule: production modules outside `allowedFrom` must not import `target`. */
function upward(name, comment, allowedFrom, target, targetNot = []) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: '^src/', pathNot: [test, ...allowedFrom] },
    to: { path: target, ...(targetNot.length ? { pathNot: targetNot } : {}) },
  };
}

/**
 * A rule inside the base layer: production modules in `folder` may import, of the base layer and the
 * adapter contract, only `allowed`. (Imports of higher layers are reported by the no-upward-import
 * rules, so each bad edge is reported once.)
 */
function onlyImports(name, comment, folder, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: folder, pathNot: test },
    to: { path: [...base, ...spec], pathNot: allowed },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycle: one of these modules imports its own caller. Move the shared part down a layer (STYLE 9).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'This import does not resolve to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Production code under src/ imports from test/. Test support belongs to the tests; production takes its dependencies as parameters (STYLE 8).',
      severity: 'error',
      from: { path: '^src/', pathNot: test },
      to: { path: '^test/' },
    },
    {
      name: 'no-dev-dependency-in-production',
      comment: 'Production code under src/ imports a devDependency, which a production install does not have. Move it to a *.test.ts file or to dependencies.',
      severity: 'error',
      from: { path: '^src/', pathNot: test },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unlayered-module',
      comment: 'This module is in no layer of .dependency-cruiser.cjs. Add its folder to the layer it belongs to.',
      severity: 'error',
      from: { path: '^src/', pathNot: [test, ...layered] },
      to: {},
    },

    // Upward imports, one rule per layer being imported.
    upward(
      'no-upward-import-of-composition-root',
      'Only the composition root (server.ts, app.ts, plugins/) may import the composition root: it wires the layers, the layers do not reach back into it.',
      root,
      root.join('|'),
    ),
    upward('no-upward-import-of-http', 'Upward import of http/: only the composition root may import the HTTP layer.', [...root, ...http], http[0]),
    upward(
      'no-upward-import-of-trpc',
      'Upward import of trpc/: only http/ and the composition root may import the tRPC procedures.',
      [...root, ...http, ...trpc],
      trpc[0],
    ),
    upward(
      'no-upward-import-of-tasks',
      'Upward import of tasks/: routing, providers and the base layer must not import tasks.',
      [...root, ...http, ...trpc, ...tasks],
      tasks[0],
    ),
    upward(
      'no-upward-import-of-routing',
      'Upward import of routing/: providers and the base layer must not import the pipeline.',
      [...root, ...http, ...trpc, ...tasks, ...routing],
      routing[0],
    ),
    upward(
      'no-upward-import-of-providers',
      'Upward import of providers/: the base layer may import only the adapter contract (providers/spec/). Exceptions: config.ts may import the provider table (providers/registry.ts); the simulator may import providers.',
      // config.ts is let through here and held to the provider table by the next rule.
      [...root, ...http, ...trpc, ...tasks, ...routing, ...providers, ...simulator, ...config],
      providers[0],
      spec,
    ),
    {
      name: 'config-imports-only-the-provider-table',
      comment:
        'config.ts may import from providers/ only the provider table (providers/registry.ts) and the environment derived from it (providers/provider-environment.ts).',
      severity: 'error',
      from: { path: config[0] },
      to: { path: '^src/providers/', pathNot: ['^src/providers/(registry|provider-environment)\\.ts$', ...spec] },
    },

    // The adapter contract is importable from everywhere, so it must stand alone.
    {
      name: 'spec-imports-only-spec',
      comment: 'providers/spec/ is the adapter contract every layer imports: it must not import anything under src/ outside itself.',
      severity: 'error',
      from: { path: spec[0], pathNot: test },
      to: { path: '^src/', pathNot: spec },
    },

    // Within the base layer.
    onlyImports('catalog-imports-only-contract', 'catalog/ (the embedded models, prices and mappings) is data: it imports only contract/.', '^src/catalog/', [
      '^src/catalog/',
      '^src/contract/',
    ]),
    onlyImports('db-imports-only-db', 'db/ is the bottom of the stack: it imports nothing under src/ outside db/.', '^src/db/', ['^src/db/']),
    onlyImports('contract-imports-only-contract-and-errors', 'contract/ (the zod schemas) imports only contract/ and errors.ts.', '^src/contract/', [
      '^src/contract/',
      '^src/errors\\.ts$',
    ]),
    onlyImports('auth-imports-only-db-contract-errors', 'auth/ imports only auth/, db/, contract/ and errors.ts.', '^src/auth/', [
      '^src/auth/',
      '^src/db/',
      '^src/contract/',
      '^src/errors\\.ts$',
    ]),
    onlyImports(
      'billing-imports-only-db-contract-errors-spec-observability',
      'billing/ imports only billing/, db/, contract/, errors.ts, providers/spec/ and observability/.',
      '^src/billing/',
      ['^src/billing/', '^src/catalog/', '^src/db/', '^src/contract/', '^src/errors\\.ts$', ...spec, '^src/observability/'],
    ),
  ],

  options: {
    // Only our own code is cruised; packages are resolved (for not-to-unresolvable) but not followed.
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)fixtures/', '^dist/', '^generated/'] },
    // `import type` is a dependency too: a type imported from a higher layer couples the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // NodeNext: `./x.js` in source resolves to `./x.ts` (dependency-cruiser does that for TypeScript);
    // packages resolve through their `exports`, as Node resolves them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
