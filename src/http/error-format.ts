import { GatewayError, toErrorResponse, type ErrorCode } from '../errors.js';

/**
 * One error, three bodies: each surface answers in the shape its clients parse (README "Errors").
 * - `gatewayz` (/hf/tasks/*, admin): the document's `{error, error_type, message, ...facts}`.
 * - `openai` (/v1/*): OpenAI's `{error: {message, type, code, param, ...facts}}`; OpenAI's SDKs
 *   pick the exception class by status and show `error.message`.
 * - `hf-native` (/models/*): huggingface_hub reads any body with `error_type` as a TGI error and
 *   knows only TGI's four values (else `UnknownError`), so TGI's vocabulary where it fits, and no
 *   `error_type` otherwise, which makes it raise `HfHubHTTPError` with the real status.
 */
export type ErrorSurface = 'gatewayz' | 'openai' | 'hf-native';

export interface FormattedError {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type ErrorFormatter = (error: unknown) => FormattedError;

/** OpenAI's SDKs map by status, so `type` is for people reading it; these are OpenAI's own names. */
const openAITypes: Record<ErrorCode, string> = {
  invalid_request: 'invalid_request_error',
  unauthorized: 'authentication_error',
  insufficient_credits: 'insufficient_quota',
  forbidden: 'permission_error',
  not_found: 'not_found_error',
  method_not_allowed: 'invalid_request_error',
  conflict: 'invalid_request_error',
  client_closed: 'api_error',
  payload_too_large: 'invalid_request_error',
  unprocessable: 'invalid_request_error',
  unsupported_media_type: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  internal: 'server_error',
  upstream_error: 'api_error',
  unavailable: 'api_error',
  upstream_timeout: 'api_error',
};

/** TGI's `error_type` values (text-generation-inference `server/text_generation_server`), where one fits. */
const tgiTypes: Partial<Record<ErrorCode, 'validation' | 'generation' | 'overloaded'>> = {
  invalid_request: 'validation',
  unprocessable: 'validation',
  payload_too_large: 'validation',
  unsupported_media_type: 'validation',
  upstream_error: 'generation',
  upstream_timeout: 'generation',
  unavailable: 'overloaded',
};

const codeOf = (error: unknown): ErrorCode => (error instanceof GatewayError ? error.code : 'internal');

export const errorFormatters: Record<ErrorSurface, ErrorFormatter> = {
  gatewayz: toErrorResponse,
  openai: (error) => {
    const { status, body, headers } = toErrorResponse(error);
    const { error: sentence, error_type: _type, message: _message, ...facts } = body;
    const code = codeOf(error);
    return { status, headers, body: { error: { message: sentence, type: openAITypes[code], code, param: null, ...facts } } };
  },
  'hf-native': (error) => {
    const { status, body, headers } = toErrorResponse(error);
    const { error: sentence, error_type: _type, message: _message, ...facts } = body;
    const tgiType = tgiTypes[codeOf(error)];
    return { status, headers, body: { ...facts, error: sentence, ...(tgiType ? { error_type: tgiType } : {}) } };
  },
};

/** The surface a URL belongs to; `/models/{org}/{name}/v1/...` is HF's clients', like its parent. */
export function surfaceOf(url: string): ErrorSurface {
  if (url.startsWith('/v1/') || url === '/v1') return 'openai';
  if (url.startsWith('/models/')) return 'hf-native';
  return 'gatewayz';
}

export function errorFormatterFor(url: string): ErrorFormatter {
  return errorFormatters[surfaceOf(url)];
}
