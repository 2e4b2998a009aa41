import { callJson, jsonText, query } from './api.js';
import { button, byId, fillTable, showingErrors } from './dom.js';
import { formatUsd, parseUsd } from './money.js';

const scopes = ['inference', 'billing:read', 'billing:callback', 'models:write', 'admin'];

export function setUpManagement(taskTypes) {
  const scopeBox = byId('key-scopes');
  for (const scope of scopes) {
    const label = document.createElement('label');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'scopes', value: scope, checked: scope === 'inference' });
    label.append(box, ` ${scope}`);
    scopeBox.append(label);
  }
  const taskSelect = byId('mapping-form').elements.task_type;
  for (const task of taskTypes) taskSelect.append(new Option(task, task));
  byId('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void createKey(event.target);
  });
  byId('key-list-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void refreshKeys();
  });
  byId('credit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void credits(event.target, event.submitter?.value ?? 'balance');
  });
  byId('mapping-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void mapModel(event.target);
  });
}

export async function refreshManagement() {
  await Promise.all([refreshKeys(), refreshMappings()]);
}

/** An optional whole number field; the API validates the range and says what is wrong. */
function optionalInteger(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed)) throw new Error(`"${trimmed}" is not a whole number.`);
  return Number(trimmed);
}

async function createKey(form) {
  byId('created-key').hidden = true; // a key is shown once, and only right after its creation
  await showingErrors('key-error', async () => {
    const fields = new FormData(form);
    const rateLimits = {
      requests_per_minute: optionalInteger(fields.get('requests_per_minute')),
      tokens_per_minute: optionalInteger(fields.get('tokens_per_minute')),
    };
    const body = {
      user_id: fields.get('user_id'),
      scopes: fields.getAll('scopes'),
      ...(fields.get('name') ? { name: fields.get('name') } : {}),
      spend_limit_total_nano_usd: parseUsd(fields.get('spend_limit_total')),
      spend_limit_daily_nano_usd: parseUsd(fields.get('spend_limit_daily')),
      ...(rateLimits.requests_per_minute !== undefined || rateLimits.tokens_per_minute !== undefined ? { rate_limits: rateLimits } : {}),
    };
    const created = await callJson('/admin/keys', { body: jsonText(body) });
    byId('created-key').hidden = false;
    byId('created-key-value').textContent = created.key;
    await refreshKeys();
  });
}

async function refreshKeys() {
  await showingErrors('key-error', async () => {
    const { keys } = await callJson('/admin/keys' + query({ user_id: new FormData(byId('key-list-form')).get('user_id') }));
    const limit = (nano) => (nano === null ? 'none' : formatUsd(nano));
    fillTable(
      byId('keys-table'),
      ['id', 'user', 'name', 'prefix', 'scopes', 'total limit', 'daily limit', 'created', 'revoked', ''],
      keys.map((key) => [
        key.id,
        key.user_id,
        key.name,
        key.key_prefix,
        key.scopes.join(' '),
        limit(key.spend_limit_total_nano_usd),
        limit(key.spend_limit_daily_nano_usd),
        key.created_at.slice(0, 19),
        key.revoked_at?.slice(0, 19),
        key.revoked_at
          ? ''
          : button('Revoke', () =>
              showingErrors('key-error', async () => {
                await callJson(`/admin/keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST' });
                await refreshKeys();
              }),
            ),
      ]),
    );
  });
}

async function credits(form, action) {
  await showingErrors('credit-error', async () => {
    const fields = new FormData(form);
    const user = fields.get('user_id');
    let account;
    if (action === 'grant') {
      const amount = parseUsd(fields.get('amount'));
      if (amount === undefined) throw new Error('Enter an amount in USD.');
      account = await callJson('/admin/credits/grant', {
        body: jsonText({ user_id: user, amount_nano_usd: amount, ...(fields.get('reason') ? { reason: fields.get('reason') } : {}) }),
      });
    } else {
      account = await callJson(`/admin/credits/${encodeURIComponent(user)}`);
    }
    showAccount(account);
  });
}

function showAccount(account) {
  const target = byId('credit-account');
  const summary = document.createElement('p');
  summary.id = 'credit-balance';
  summary.dataset.nano = String(account.balance_nano_usd);
  summary.textContent = account.unlimited
    ? `${account.user_id}: unlimited (credits not enforced for this user).`
    : `${account.user_id}: balance ${formatUsd(account.balance_nano_usd)}, reserved ${formatUsd(account.reserved_nano_usd)}, available ${formatUsd(account.available_nano_usd)}.`;
  const table = document.createElement('table');
  fillTable(
    table,
    ['granted', 'amount', 'reason', 'by'],
    account.grants.map((grant) => [grant.created_at.slice(0, 19), formatUsd(grant.amount_nano_usd), grant.reason, grant.granted_by]),
  );
  target.replaceChildren(summary, table);
}

async function mapModel(form) {
  await showingErrors('mapping-error', async () => {
    const fields = new FormData(form);
    let parameters;
    const text = String(fields.get('parameters') ?? '').trim();
    if (text) {
      try {
        parameters = JSON.parse(text);
      } catch {
        throw new Error('Parameters must be a JSON object, e.g. {"max_tokens": 256}.');
      }
    }
    await callJson('/hf/tasks/models/map', {
      body: {
        provider_model_id: fields.get('provider_model_id'),
        hub_model_id: fields.get('hub_model_id'),
        task_type: fields.get('task_type'),
        ...(parameters ? { parameters } : {}),
      },
    });
    await refreshMappings();
  });
}

async function refreshMappings() {
  await showingErrors('mapping-error', async () => {
    const { models } = await callJson('/hf/tasks/models');
    const form = byId('mapping-form');
    fillTable(
      byId('mappings-table'),
      ['hub model', 'provider model', 'task', 'parameters', ''],
      models.map((mapping) => [
        mapping.hub_model_id,
        mapping.model_id,
        mapping.task_type,
        JSON.stringify(mapping.parameters),
        button('Edit', () => {
          form.elements.provider_model_id.value = mapping.model_id;
          form.elements.hub_model_id.value = mapping.hub_model_id;
          form.elements.task_type.value = mapping.task_type;
          form.elements.parameters.value = Object.keys(mapping.parameters).length ? JSON.stringify(mapping.parameters) : '';
        }),
      ]),
    );
  });
}
