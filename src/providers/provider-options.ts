/**
 * What every provider adapter is built from: the settings in the provider table (`registry.ts`)
 * turn into exactly these, whatever the provider's wire protocol.
 */
export interface ProviderOptions {
  /** The provider's credential; sent the provider's way, registered for scrubbing, never logged. */
  apiKey: string;
  /** Overrides the provider's default base URL (a proxy, a regional endpoint, a local replay). */
  baseUrl?: string | undefined;
  /** Extra request headers (`anthropic-beta`, or `x-simulator-*` fault controls in tests). */
  headers?: Record<string, string> | undefined;
}
