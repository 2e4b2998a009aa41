import { usageRecords } from './api.js';
import { palette, stackedBars } from './chart.js';
import { byId, fillTable, integer, showingErrors } from './dom.js';
import { formatUsd } from './money.js';

const windows = {
  hour: { span: 3_600_000, bucket: 5 * 60_000, label: (date) => date.toISOString().slice(11, 16) },
  day: { span: 86_400_000, bucket: 3_600_000, label: (date) => date.toISOString().slice(11, 13) + 'h' },
  month: { span: 30 * 86_400_000, bucket: 86_400_000, label: (date) => date.toISOString().slice(5, 10) },
};

export function setUpOverview() {
  byId('overview-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void refreshOverview();
  });
}

/** Charts from the records of the window; the totals shown are the API's for the same filter. */
export async function refreshOverview() {
  const form = new FormData(byId('overview-form'));
  const window = windows[form.get('window')];
  const groupBy = form.get('group');
  const now = Date.now();
  const start = Math.floor((now - window.span) / window.bucket) * window.bucket + window.bucket;
  const filter = { from: new Date(start - window.bucket).toISOString(), model: form.get('model'), provider: form.get('provider') };
  await showingErrors('overview-error', async () => {
    byId('overview').dataset.state = 'loading';
    const usage = await usageRecords(filter);
    const complete = usage.records.length === usage.total_records;
    const bucketCount = Math.round(window.span / window.bucket) + 1;
    const buckets = Array.from({ length: bucketCount }, (_, index) => {
      const at = new Date(start - window.bucket + index * window.bucket);
      return { at, label: window.label(at), requests: new Map(), tokens: new Map(), spend: new Map() };
    });
    const groups = new Map();
    let tokens = 0;
    let spend = 0n;
    for (const record of usage.records) {
      const group = record[groupBy] ?? '(none)';
      const index = Math.min(bucketCount - 1, Math.max(0, Math.floor((Date.parse(record.timestamp) - (start - window.bucket)) / window.bucket)));
      const bucket = buckets[index];
      const recordTokens = record.input_tokens + record.output_tokens;
      const cost = BigInt(record.cost_nano_usd);
      bucket.requests.set(group, (bucket.requests.get(group) ?? 0) + 1);
      bucket.tokens.set(group, (bucket.tokens.get(group) ?? 0) + recordTokens);
      bucket.spend.set(group, (bucket.spend.get(group) ?? 0) + Number(cost) / 1e9);
      const totals = groups.get(group) ?? { requests: 0, tokens: 0, spend: 0n };
      groups.set(group, { requests: totals.requests + 1, tokens: totals.tokens + recordTokens, spend: totals.spend + cost });
      tokens += recordTokens;
      spend += cost;
    }
    const order = [...groups.keys()].sort((a, b) => groups.get(b).requests - groups.get(a).requests);
    byId('total-requests').textContent = integer(usage.total_records);
    byId('total-spend').textContent = formatUsd(usage.total_cost_nano_usd);
    byId('total-spend').dataset.nano = usage.total_cost_nano_usd.toString();
    byId('total-tokens').textContent = complete ? integer(tokens) : `≥ ${integer(tokens)}`;
    const agrees = complete && usage.records.length === usage.total_records && spend === usage.total_cost_nano_usd;
    byId('overview-check').textContent = agrees
      ? `The charts add up to the ledger's totals for this filter (${integer(usage.total_records)} records, ${formatUsd(usage.total_cost_nano_usd)}).`
      : `The charts show the first ${integer(usage.records.length)} of ${integer(usage.total_records)} records; the totals above are the ledger's.`;
    stackedBars(byId('chart-requests'), {
      groups: order,
      buckets: buckets.map((bucket) => ({ label: bucket.label, values: bucket.requests })),
      format: (value) => integer(Math.round(value)),
    });
    stackedBars(byId('chart-tokens'), {
      groups: order,
      buckets: buckets.map((bucket) => ({ label: bucket.label, values: bucket.tokens })),
      format: (value) => integer(Math.round(value)),
    });
    stackedBars(byId('chart-spend'), {
      groups: order,
      buckets: buckets.map((bucket) => ({ label: bucket.label, values: bucket.spend })),
      format: (value) => (value === 0 ? '$0' : `$${value.toPrecision(2)}`),
      total: spend.toString(), // exact nano-USD, not the float sum of the bars
    });
    byId('legend').replaceChildren(
      ...order.map((group, index) => {
        const item = document.createElement('span');
        item.style.setProperty('--swatch', palette[index % palette.length]);
        item.textContent = group;
        return item;
      }),
    );
    fillTable(
      byId('overview-groups'),
      [groupBy, 'requests', 'tokens', 'spend'],
      order.map((group) => [group, integer(groups.get(group).requests), integer(groups.get(group).tokens), formatUsd(groups.get(group).spend)]),
    );
    byId('overview').dataset.state = 'ready';
  });
}
