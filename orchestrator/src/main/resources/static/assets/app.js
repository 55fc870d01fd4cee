// kvmorch operator dashboard: sign-in, hash routing and polling. Views live in their own modules.
//
// Updates are by polling every 2 s: for a handful of operators that is cheap for the service,
// needs nothing but plain GETs, and survives proxies and restarts; polling pauses while the tab
// is hidden and resumes (with an immediate refresh) when it is shown again.

import {
  api, get, credentials, storeCredentials, clearCredentials, setUnauthorizedHandler,
  AuthError, ForbiddenError, NotFoundError,
} from './api.js';
import { h, replace, time } from './dom.js';
import { fleetView, hostView, closeMigrateDialog } from './fleet.js';
import { closeSettingsDialog } from './vmsettings.js';
import { migrationView } from './migration.js';
import { plansView, planView } from './plans.js';

const POLL_MS = 2000;

const app = document.getElementById('app');
const status = document.getElementById('status');
const notices = document.getElementById('notices');
const userBox = document.getElementById('user');
const nav = document.getElementById('nav');

/**
 * Who is signed in and what they may do. canOperate: true / false when known, null when the
 * server has no way to tell (then operator buttons are shown and a 403 turns them off).
 */
const session = { user: null, roles: [], canOperate: null, policy: null };

let current = null; // {refresh, stop} of the mounted view
let generation = 0;
let timer = null;

// ---------------------------------------------------------------- notices

function notify(message, kind = 'info', sticky = false) {
  const item = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', {}, message),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss message', onclick: () => item.remove() }, '×'));
  notices.append(item);
  if (!sticky) {
    setTimeout(() => item.remove(), 8000);
  }
  return item;
}

/** Reports a failed action; a 403 also switches the dashboard to read-only. */
function failed(error) {
  if (error instanceof AuthError) {
    return;
  }
  if (error instanceof ForbiddenError) {
    markReadOnly();
    notify(error.message, 'error', true);
    return;
  }
  notify(error.message, 'error', true);
}

function markReadOnly() {
  if (session.canOperate !== false) {
    session.canOperate = false;
    document.body.classList.add('read-only');
    renderUser();
  }
}

// ---------------------------------------------------------------- sign-in

function renderUser() {
  if (!session.user) {
    replace(userBox);
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  const role = session.roles.length ? ` (${session.roles.join(', ')})` : session.canOperate === false ? ' (read-only)' : '';
  replace(userBox,
    h('span', { class: 'who' }, 'Signed in as ', h('strong', { id: 'signed-in-user' }, session.user), role),
    h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: signOut }, 'Sign out'));
}

async function detectRoles() {
  // A future GET /api/v1/me tells the roles; until then an ADMIN is recognised by the audit
  // trail (a GET, not audited), and OPERATOR vs VIEWER is learnt from the first 403.
  try {
    const me = await get('/api/v1/me');
    if (me && Array.isArray(me.roles)) {
      session.roles = me.roles.map((r) => String(r).replace(/^ROLE_/, '').toUpperCase());
      session.canOperate = session.roles.includes('OPERATOR') || session.roles.includes('ADMIN');
      return;
    }
  } catch (e) {
    if (e instanceof AuthError) {
      throw e;
    }
  }
  try {
    await get('/api/v1/audit?size=1');
    session.roles = ['ADMIN'];
    session.canOperate = true;
  } catch (e) {
    if (e instanceof AuthError) {
      throw e;
    }
    session.roles = [];
    session.canOperate = null;
  }
}

/** The fleet policy in force (threshold, T, default migration policy), or null if not readable. */
async function loadPolicy() {
  try {
    const p = await get('/api/v1/policy');
    return (p && (p.policy || p.current || p)) || null;
  } catch (e) {
    if (e instanceof AuthError) {
      throw e;
    }
    return null;
  }
}

function showSignIn(message) {
  stopView();
  closeMigrateDialog();
  closeSettingsDialog();
  session.user = null;
  renderUser();
  const error = h('p', { id: 'sign-in-error', class: 'form-error', role: 'alert' }, message || '');
  const user = h('input', { id: 'sign-in-user', name: 'user', autocomplete: 'username', required: true });
  const password = h('input', { id: 'sign-in-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', id: 'sign-in-submit' }, 'Sign in');
  const form = h('form', { class: 'sign-in card', id: 'sign-in-form', 'aria-labelledby': 'sign-in-title' },
    h('h2', { id: 'sign-in-title' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Use your orchestrator account. The password stays in this browser tab only.'),
    h('label', { for: 'sign-in-user' }, 'User'), user,
    h('label', { for: 'sign-in-password' }, 'Password'), password,
    error, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      storeCredentials(user.value.trim(), password.value);
      await api('/api/v1/hosts?size=1', { token: credentials().token });
      await startSession();
    } catch (e) {
      clearCredentials();
      error.textContent = e instanceof AuthError ? 'Wrong user name or password.' : e.message;
      button.disabled = false;
      password.select();
    }
  });
  document.title = 'Sign in · kvmorch';
  replace(app, form);
  user.focus();
}

async function startSession() {
  const c = credentials();
  session.user = c.user;
  session.roles = [];
  session.canOperate = null;
  document.body.classList.remove('read-only');
  await detectRoles();
  session.policy = await loadPolicy();
  if (session.canOperate === false) {
    document.body.classList.add('read-only');
  }
  document.body.classList.toggle('admin', session.roles.includes('ADMIN'));
  renderUser();
  route();
}

function signOut() {
  clearCredentials();
  notices.replaceChildren();
  showSignIn('');
  history.replaceState(null, '', '#/');
}

setUnauthorizedHandler(() => {
  clearCredentials();
  showSignIn('Please sign in again: the server did not accept the stored credentials.');
});

// ---------------------------------------------------------------- routing and polling

const routes = [
  [/^#?\/?$/, () => fleetView()],
  [/^#\/host\/([^/]+)$/, (m) => hostView(decodeURIComponent(m[1]))],
  [/^#\/migration\/(\d+)$/, (m) => migrationView(Number(m[1]))],
  [/^#\/plans$/, () => plansView()],
  [/^#\/plan\/([^/]+)$/, (m) => planView(decodeURIComponent(m[1]))],
];

function stopView() {
  generation += 1;
  clearTimeout(timer);
  timer = null;
  if (current && current.stop) {
    current.stop();
  }
  current = null;
}

function route() {
  if (!credentials()) {
    showSignIn('');
    return;
  }
  stopView();
  const hash = location.hash || '#/';
  let view = null;
  for (const [pattern, make] of routes) {
    const m = hash.match(pattern);
    if (m) {
      view = make(m);
      break;
    }
  }
  if (!view) {
    view = { title: 'Not found', mount: (el) => replace(el, h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Back to the fleet'))) };
  }
  for (const link of nav.querySelectorAll('a')) {
    const active = link.getAttribute('href') === (view.section || hash);
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.title = `${view.title} · kvmorch`;
  const gen = generation;
  const ctx = {
    session,
    notify,
    failed,
    markReadOnly,
    alive: () => gen === generation,
    refreshNow: () => { if (gen === generation) { clearTimeout(timer); tick(gen); } },
  };
  current = view;
  view.mount(app, ctx);
  app.focus({ preventScroll: true });
  tick(gen);
}

async function tick(gen) {
  if (gen !== generation || !current) {
    return;
  }
  if (document.hidden) {
    status.textContent = 'Updates paused while this tab is hidden.';
    return; // visibilitychange restarts the loop
  }
  if (current.refresh) {
    try {
      await current.refresh();
      if (gen === generation) {
        status.textContent = `Updated ${time(new Date().toISOString())} · refreshes every ${POLL_MS / 1000} s`;
        status.classList.remove('status-error');
      }
    } catch (e) {
      if (e instanceof AuthError || gen !== generation) {
        return;
      }
      status.textContent = e instanceof NotFoundError ? e.message : `Not updated: ${e.message}`;
      status.classList.add('status-error');
    }
  }
  if (gen === generation) {
    clearTimeout(timer);
    timer = setTimeout(() => tick(gen), POLL_MS);
  }
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && current) {
    clearTimeout(timer);
    tick(generation);
  }
});

window.addEventListener('hashchange', route);

if (credentials()) {
  startSession().catch(() => showSignIn(''));
} else {
  showSignIn('');
}
