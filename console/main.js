import { ApiError, callJson, session, usagePath } from './api.js';
import { byId } from './dom.js';
import { refreshHealth, setUpHealth } from './health.js';
import { refreshManagement, setUpManagement } from './manage.js';
import { refreshOverview, setUpOverview } from './overview.js';
import { refreshRecords, setUpRecords } from './records.js';

const refreshers = { overview: refreshOverview, health: refreshHealth, records: refreshRecords, manage: refreshManagement };

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== name;
  for (const tabButton of document.querySelectorAll('#tabs button')) tabButton.classList.toggle('active', tabButton.dataset.tab === name);
  void refreshers[name]();
}

/** Checks the key against the usage route (billing:read) and the key list (admin), then shows the console. */
async function logIn(key) {
  session.key = key;
  try {
    await callJson(`${usagePath}?limit=1`);
  } catch (error) {
    session.key = null;
    byId('login-error').textContent =
      error instanceof ApiError && error.status === 403 ? `${error.message} (the console needs a billing:read or admin key)` : error.message;
    return;
  }
  let admin = true;
  try {
    await callJson('/admin/keys?user_id=console-admin-check');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    admin = false;
  }
  let taskTypes = [];
  try {
    taskTypes = (await callJson('/hf/tasks/models')).task_types;
  } catch {
    // a key without access to the model list: the task filters stay "any"
  }
  document.body.dataset.role = admin ? 'admin' : 'billing-reader';
  byId('login').hidden = true;
  byId('tabs').hidden = false;
  byId('logout').hidden = false;
  byId('who').textContent = admin ? 'admin' : 'billing:read (own user)';
  for (const adminOnly of document.querySelectorAll('[data-admin]')) adminOnly.hidden = !admin;
  setUpRecords(taskTypes);
  if (admin) setUpManagement(taskTypes);
  showTab('overview');
}

setUpOverview();
setUpHealth();
for (const tabButton of document.querySelectorAll('#tabs button')) tabButton.addEventListener('click', () => showTab(tabButton.dataset.tab));
byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId('login-key');
  const key = input.value.trim();
  input.value = '';
  void logIn(key);
});
byId('logout').addEventListener('click', () => {
  session.key = null;
  location.reload();
});
if (session.key) void logIn(session.key);
