import { z } from 'zod';
import { providerTable, type ProviderDefinition, type ProviderId } from './registry.js';
import type { ProviderAdapter } from './spec/index.js';

type Definition = (typeof providerTable)[number];

/** `fal-ai` -> `FAL_AI`: the prefix of a provider's variables. */
type EnvPrefix<Id extends string> = Uppercase<Id extends `${infer Head}-${infer Tail}` ? `${Head}_${EnvPrefix<Tail>}` : Id>;
type ExtraEnvName = Definition extends infer D ? (D extends { extraEnv: infer E } ? keyof E & string : never) : never;

/** The provider variables' zod schemas, typed per name so `Config` keeps every field. */
export type ProviderEnvironmentShape = { [D in Definition as `${EnvPrefix<D['id']>}_API_KEY`]: z.ZodOptional<z.ZodString> } & {
  [D in Definition as `${EnvPrefix<D['id']>}_BASE_URL`]: D extends { defaultBaseUrl: string } ? z.ZodDefault<z.ZodURL> : z.ZodOptional<z.ZodURL>;
} & { [Name in ExtraEnvName]: z.ZodOptional<z.ZodString> };

/** The parsed values of those variables, which is all the functions below read. */
export type ProviderEnvironment = { readonly [Name in keyof ProviderEnvironmentShape]?: string | undefined };

export function envPrefix(id: string): string {
  return id.toUpperCase().replaceAll('-', '_');
}

export function apiKeyVariable(definition: ProviderDefinition): string {
  return `${envPrefix(definition.id)}_API_KEY`;
}

export function baseUrlVariable(definition: ProviderDefinition): string {
  return `${envPrefix(definition.id)}_BASE_URL`;
}

const optionalText = () => z.string().trim().min(1).optional();

/** What `src/config.ts` spreads into its environment schema. */
export const providerEnvironmentShape = Object.fromEntries(
  (providerTable as readonly ProviderDefinition[]).flatMap((definition) => [
    [apiKeyVariable(definition), optionalText()],
    [baseUrlVariable(definition), definition.defaultBaseUrl === undefined ? z.url().optional() : z.url().default(definition.defaultBaseUrl)],
    ...Object.keys(definition.extraEnv ?? {}).map((name) => [name, optionalText()]),
  ]),
) as ProviderEnvironmentShape;

function read(environment: ProviderEnvironment, name: string): string | undefined {
  return (environment as Readonly<Record<string, string | undefined>>)[name];
}

function isConfigured(definition: ProviderDefinition, environment: ProviderEnvironment): boolean {
  const variable = definition.configuredBy === 'apiKey' ? apiKeyVariable(definition) : baseUrlVariable(definition);
  return Boolean(read(environment, variable));
}

/** The providers whose key (or, for a self-hosted server, base URL) is set, in table order. */
export function configuredProviders(environment: ProviderEnvironment): ProviderId[] {
  return providerTable.filter((definition) => isConfigured(definition, environment)).map((definition) => definition.id);
}

/**
 * One adapter per configured provider, in table order; an unconfigured provider is absent, not an
 * error. `headers` go on every upstream call (tests pass `x-simulator-*` fault controls).
 */
export function createConfiguredAdapters(environment: ProviderEnvironment, headers?: Record<string, string>): Map<ProviderId, ProviderAdapter> {
  const adapters = new Map<ProviderId, ProviderAdapter>();
  for (const definition of providerTable) {
    const adapter = createProviderAdapter(definition, environment, headers);
    if (adapter) adapters.set(definition.id, adapter);
  }
  return adapters;
}

function createProviderAdapter(
  definition: ProviderDefinition,
  environment: ProviderEnvironment,
  headers?: Record<string, string>,
): ProviderAdapter | undefined {
  if (!isConfigured(definition, environment)) return undefined;
  const extras = Object.fromEntries(Object.keys(definition.extraEnv ?? {}).map((name) => [name, read(environment, name)]));
  return definition.create({
    apiKey: read(environment, apiKeyVariable(definition)) ?? '',
    baseUrl: read(environment, baseUrlVariable(definition)),
    extras,
    headers,
  });
}
