import { call, callJson, query, usagePath } from './api.js';
import { byId, fillTable, integer, showingErrors } from './dom.js';
import { formatUsd } from './money.js';

const pageSize = 50;
let offset = 0;
let total = 0;

export function setUpRecords(taskTypes) {
  const taskSelect = byId('records-form').elements.task;
  for (const task of taskTypes) taskSelect.append(new Option(task, task));
  byId('records-form').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    void refreshRecords();
  });
  byId('records-prev').addEventListener('click', () => {
    offset = Math.max(0, offset - pageSize);
    void refreshRecords();
  });
  byId('records-next').addEventListener('click', () => {
    if (offset + pageSize < total) offset += pageSize;
    void refreshRecords();
  });
  byId('records-csv').addEventListener('click', () => void exportCsv());
  byId('lookup-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void lookUp(new FormData(event.target).get('id').trim());
  });
}

/** The form's filter as the API's query parameters (datetime-local is the browser's local time). */
function currentFilter() {
  const form = new FormData(byId('records-form'));
  const instant = (value) => (value ? new Date(value).toISOString() : undefined);
  return {
    from: instant(form.get('from')),
    to: instant(form.get('to')),
    model: form.get('model'),
    task: form.get('task'),
    provider: form.get('provider'),
    status: form.get('status'),
  };
}

export async function refreshRecords() {
  await showingErrors('records-error', async () => {
    const page = await callJson(usagePath + query({ ...currentFilter(), limit: pageSize, offset }));
    total = page.total_records;
    byId('records-summary').textContent = `${integer(page.total_records)} records, ${formatUsd(page.total_cost_nano_usd)} in total for this filter.`;
    byId('records-summary').dataset.total = String(page.total_records);
    byId('records-page').textContent = page.records.length
      ? `${integer(offset + 1)}–${integer(offset + page.records.length)} of ${integer(total)}`
      : 'no records';
    byId('records-prev').disabled = offset === 0;
    byId('records-next').disabled = offset + pageSize >= total;
    fillTable(
      byId('records-table'),
      ['time (UTC)', 'Inference-Id', 'task', 'model', 'provider', 'status', 'in', 'out', 'cost'],
      page.records.map((record) => [
        record.timestamp.replace('T', ' ').slice(0, 19),
        record.request_id,
        record.task,
        record.model,
        record.provider,
        record.status,
        integer(record.input_tokens),
        integer(record.output_tokens),
        formatUsd(record.cost_nano_usd),
      ]),
    );
    byId('records').dataset.state = 'ready';
  });
}

/** The whole filter as CSV, through fetch so the key stays in a header, saved from a blob. */
async function exportCsv() {
  await showingErrors('records-error', async () => {
    const blob = await (await call(usagePath + query({ ...currentFilter(), format: 'csv' }))).blob();
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'gatewayz-usage.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
}

/** The API has no request-id filter: scan the current filter's records, a page of 1000 at a time. */
async function lookUp(id) {
  const result = byId('lookup-result');
  result.textContent = 'Searching…';
  await showingErrors('records-error', async () => {
    for (let pageOffset = 0; ; pageOffset += 1000) {
      const page = await callJson(usagePath + query({ ...currentFilter(), limit: 1000, offset: pageOffset }));
      const record = page.records.find((candidate) => candidate.request_id === id.toLowerCase());
      if (record) {
        result.textContent = JSON.stringify({ ...record, cost_usd: formatUsd(record.cost_nano_usd) }, null, 2);
        return;
      }
      if (page.records.length < 1000) break;
    }
    result.textContent = `No record ${id} in this filter (it may be outside the filter, another user's, or not yet committed).`;
  });
}
