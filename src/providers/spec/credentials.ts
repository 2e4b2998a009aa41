/**
 * Every credential the gateway sends upstream, by value. Upstreams echo keys back ("Incorrect
 * API key provided: ..."), and keys need not look like keys (Google's `AIza...`, Cohere's bare
 * alphanumerics, fal's `<uuid>:<hex>`), so recognising them by prefix cannot work: whatever is
 * sent is registered here, and `scrubCredentials` cuts each registered value out of a text.
 * `UpstreamError` applies it to everything it carries; the HTTP layer may apply it to log lines.
 */
const credentials = new Set<string>();

// A value shorter than this is not a real credential, and scrubbing it would shred messages.
const SHORTEST_CREDENTIAL = 6;
const REDACTED = '[redacted]';
// Headers whose values are credentials; `Authorization` carries a scheme before its token.
const CREDENTIAL_HEADER = /authorization|api-key|token|secret|virtual-key/i;
const CREDENTIAL_PARAMETER = /^(key|api[-_]?key|token|access[-_]?token|sig|signature|secret)$/i;

export function registerCredential(value: string | undefined): void {
  if (value !== undefined && value.length >= SHORTEST_CREDENTIAL) credentials.add(value);
}

/** Registers the credentials among request headers: whole values, and `Bearer`/`Key` tokens alone. */
export function registerHeaderCredentials(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(name)) continue;
    registerCredential(value);
    const token = /^\S+\s+(.+)$/.exec(value)?.[1];
    registerCredential(token);
  }
}

/** Registers a URL's password and key-like query parameters (`?key=`, `?sig=`). */
export function registerUrlCredentials(url: URL): void {
  registerCredential(decodeURIComponent(url.password));
  for (const [name, value] of url.searchParams) if (CREDENTIAL_PARAMETER.test(name)) registerCredential(value);
}

/** `text` with every registered credential replaced; O(credentials) `includes` when none is there. */
export function scrubCredentials(text: string): string {
  let scrubbed = text;
  for (const credential of credentials) if (scrubbed.includes(credential)) scrubbed = scrubbed.split(credential).join(REDACTED);
  return scrubbed;
}

export function containsCredential(text: string): boolean {
  for (const credential of credentials) if (text.includes(credential)) return true;
  return false;
}

/**
 * An error cause safe to keep: the same object when nothing in its chain names a credential,
 * else a plain copy of the chain with messages scrubbed and stacks dropped (a stack repeats the
 * message). Error codes survive, so classification and debugging keep what they use.
 */
export function scrubbedCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === 'string') return scrubCredentials(cause);
  if (!(cause instanceof Error) || depth > 8 || !chainNamesCredential(cause, depth)) return cause;
  const copy = new Error(scrubCredentials(cause.message), { cause: scrubbedCause(cause.cause, depth + 1) });
  copy.name = cause.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  const code = (cause as Error & { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

function chainNamesCredential(error: Error, depth: number): boolean {
  if (containsCredential(error.message) || containsCredential(error.stack ?? '')) return true;
  return error.cause instanceof Error && depth < 8 && chainNamesCredential(error.cause, depth + 1);
}
