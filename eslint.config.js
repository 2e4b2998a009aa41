// ESLint flat config. Formatting is Prettier's job (eslint-config-prettier turns off every rule
// that would fight it); import layering is dependency-cruiser's (.dependency-cruiser.cjs).
// Only the non-type-checked rule sets: every `npm test` runs this, so it must stay fast.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Produced by scripts, recorded from upstreams, or not ours.
    ignores: [
      'dist/',
      'node_modules/',
      'generated/',
      'openapi/',
      '.venv/',
      '.venv-*/',
      '.schemathesis/',
      'schemathesis-report/',
      'bench/.peers/',
      '.venv-clients/',
      'data/',
      'bench/out/',
      '**/fixtures/**',
      'clients/js/dist/',
      'clients/js/src/generated/',
      'clients/python/.venv/',
      'integrations/',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      eqeqeq: 'error',
      // `let x: T | undefined` declared before a closure that reads it and assigned once later
      // (src/server.ts: the ledger's error callback logs through the app built after it) is not
      // a missed `const`: a `const` there would be a TDZ ReferenceError if the callback ran early.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `any` is sometimes the honest type at a wire boundary; each one should still be looked at.
      '@typescript-eslint/no-explicit-any': 'warn',
      // A leading underscore marks a binding that is unused on purpose (a positional parameter, a
      // destructured field left out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The gateway logs through Fastify's pino logger, never the console (STYLE 4: no secrets in
    // logs, one place that decides the level).
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Command-line entry points whose stdout is their interface (the bench reads the URL).
    files: ['src/providers/simulator/main.ts', 'src/simulator/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Production code must not depend on the test runner (STYLE: no test doubles under src/).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vitest', message: 'vitest belongs in *.test.ts files or test/, not in production code under src/.' }],
          patterns: [{ group: ['vitest/*', '@vitest/*'], message: 'vitest belongs in *.test.ts files or test/, not in production code under src/.' }],
        },
      ],
    },
  },
  {
    // The console's static ES modules run in the browser (served by src/http/console/).
    files: ['console/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // CommonJS config files (dependency-cruiser reads .cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
