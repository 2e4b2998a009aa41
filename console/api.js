// The console's only way to the gateway: documented routes, with the logged-in key in the
// Authorization header (never in a URL), on this origin.

const storageKey = 'gatewayz.console.key';

export const session = {
  get key() {
    return sessionStorage.getItem(storageKey);
  },
  set key(value) {
    if (value) sessionStorage.setItem(storageKey, value);
    else sessionStorage.removeItem(storageKey);
  },
};

/** An API error, with the message exactly as the API returned it. */
export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

/** The error body's `error`, with its `message` when that adds something. */
function describe(status, body) {
  if (!body || typeof body !== 'object') return String(body || `HTTP ${status}`);
  const summary = typeof body.error === 'string' ? body.error : (body.error?.message ?? `HTTP ${status}`);
  return body.message && !summary.includes(body.message) ? `${summary}: ${body.message}` : summary;
}

/** Calls a route; `body` is a JSON text (see jsonText) or a plain object. Resolves to the Response. */
export async function call(path, { method, body } = {}) {
  const headers = { authorization: `Bearer ${session.key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (!response.ok) {
    const text = await response.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: shown as text
    }
    throw new ApiError(response.status, parsed);
  }
  return response;
}

export async function callJson(path, options) {
  return (await call(path, options)).json();
}

/** A query string from the set fields of `parameters`. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** JSON text in which bigint values are written as exact integers (JSON.stringify refuses them). */
export function jsonText(value) {
  const marker = 'gatewayz-console-bigint:'; // no character JSON would escape
  return JSON.stringify(value, (_name, field) => (typeof field === 'bigint' ? marker + field.toString() : field)).replace(
    new RegExp(`"${marker}(-?\\d+)"`, 'g'),
    '$1',
  );
}

export const usagePath = '/hf/tasks/billing/usage';
const pageLimit = 1000;

/**
 * Every record of a usage filter, page by page (up to `maxRecords`), with the API's own totals
 * for the filter: the totals shown are always the ledger's, whatever was fetched.
 */
export async function usageRecords(filter, maxRecords = 20_000) {
  const records = [];
  let totals;
  for (let offset = 0; ; offset += pageLimit) {
    const page = await callJson(usagePath + query({ ...filter, limit: pageLimit, offset }));
    totals ??= { total_records: page.total_records, total_cost_nano_usd: BigInt(page.total_cost_nano_usd) };
    records.push(...page.records);
    if (page.records.length < pageLimit || records.length >= Math.min(totals.total_records, maxRecords)) break;
  }
  return { records, ...totals };
}
