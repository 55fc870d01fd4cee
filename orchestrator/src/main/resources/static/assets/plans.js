// Plans: a dry run of rebalancing or consolidation, shown as its migrations, the VM × host
// matrix and the load of each host before and after; OPERATORs can execute it.

import { api, get, NotFoundError } from './api.js';
import { h, replace, bytes, duration, number, dateTime, badge } from './dom.js';
import { beforeAfterChart } from './charts.js';

const RECENT_KEY = 'kvmorch.plans';
const UNAVAILABLE = 'Planning is not available on this server yet.';

function rememberPlan(plan) {
  const list = recentPlans().filter((p) => String(p.id) !== String(plan.id));
  list.unshift({ id: plan.id, kind: plan.kind, createdAt: plan.createdAt });
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(list.slice(0, 10)));
}

function recentPlans() {
  try {
    return JSON.parse(sessionStorage.getItem(RECENT_KEY) || '[]');
  } catch {
    return [];
  }
}

async function createPlan(kind, ctx, out) {
  replace(out, h('p', { class: 'muted' }, `Planning ${kind}…`));
  try {
    const plan = (await api('/api/v1/plans', { method: 'POST', body: { kind }, action: 'create plans' })).body;
    rememberPlan(plan);
    location.hash = `#/plan/${encodeURIComponent(plan.id)}`;
  } catch (e) {
    if (e instanceof NotFoundError) {
      replace(out, h('p', { class: 'notice notice-info', id: 'plans-unavailable' }, UNAVAILABLE));
    } else {
      replace(out);
      ctx.failed(e);
    }
  }
}

function planLink(p) {
  return h('li', {}, h('a', { href: `#/plan/${encodeURIComponent(p.id)}` }, `Plan ${p.id} · ${p.kind}`),
    ' ', p.state ? badge(p.state, `plan-${p.state}`) : null, ` · ${dateTime(p.createdAt)}`,
    p.migrations ? ` · ${p.migrations.length} migrations` : '');
}

export function plansView() {
  return {
    title: 'Plans',
    section: '#/plans',
    mount(el, ctx) {
      const out = h('div', { id: 'plan-result', 'aria-live': 'polite' });
      const recentBox = h('div', { id: 'recent-plans' });
      this.refresh = async () => {
        let list;
        try {
          list = await get('/api/v1/plans?size=10');
        } catch (e) {
          if (!(e instanceof NotFoundError)) {
            throw e;
          }
          list = recentPlans();
        }
        if (!ctx.alive()) {
          return;
        }
        replace(recentBox, list.length === 0 ? h('p', { class: 'muted' }, 'No plan yet.') : h('ul', { class: 'plain' }, list.map(planLink)));
      };
      replace(el,
        h('section', { class: 'card', 'aria-labelledby': 'plans-title' },
          h('h2', { id: 'plans-title' }, 'Plans'),
          h('p', {}, 'A plan is a dry run: it shows which VMs would move where, and what each host’s load would become. '
            + 'Nothing moves until an operator executes it.'),
          h('div', { class: 'actions operator-only' },
            h('button', { type: 'button', id: 'plan-rebalance', onclick: () => createPlan('rebalance', ctx, out) }, 'Plan rebalance (dry run)'),
            h('button', { type: 'button', id: 'plan-consolidate', class: 'secondary', onclick: () => createPlan('consolidate', ctx, out) },
              'Plan consolidation (dry run)')),
          h('p', { class: 'read-only-note muted' }, 'Your role can look at plans but not create or execute them.'),
          out),
        h('section', { class: 'card', 'aria-labelledby': 'recent-plans-title' },
          h('h2', { id: 'recent-plans-title' }, 'Recent plans'), recentBox));
    },
  };
}

function matrixTable(matrix, plan) {
  if (!matrix || !matrix.vms || matrix.vms.length === 0) {
    return h('p', { class: 'muted' }, 'No VM moves in this plan.');
  }
  const sourceOf = new Map((plan.migrations || []).map((m) => [m.vm, m.source]));
  const cell = (r, c) => {
    if (matrix.bitmap && matrix.bitmap[r]) {
      return matrix.bitmap[r][c] === '1';
    }
    return (matrix.cells || []).some((x) => x.vm === matrix.vms[r] && x.destination === matrix.hosts[c]);
  };
  return h('div', { class: 'matrix-wrap' }, h('p', { class: 'muted', id: 'matrix-caption' },
    `${matrix.vms.length} VMs × ${matrix.hosts.length} hosts: ● marks the destination of each VM, ○ where it runs now.`),
  h('table', { class: 'matrix', id: 'plan-matrix', 'aria-describedby': 'matrix-caption' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'VM \\ host'),
      matrix.hosts.map((x) => h('th', { scope: 'col', class: 'rotate' }, h('span', {}, x))))),
    h('tbody', {}, matrix.vms.map((vm, r) => h('tr', {}, h('th', { scope: 'row' }, vm),
      matrix.hosts.map((host, c) => {
        const to = cell(r, c);
        const from = sourceOf.get(vm) === host;
        return h('td', { class: to ? 'to' : from ? 'from' : '', 'aria-label': to ? `${vm} moves to ${host}` : from ? `${vm} runs on ${host}` : null },
          to ? '●' : from ? '○' : '');
      }))))));
}

export function planView(id) {
  return {
    title: `Plan ${id}`,
    section: '#/plans',
    mount(el, ctx) {
      const head = h('div', { id: 'plan-head' });
      const actions = h('div', { class: 'actions operator-only', id: 'plan-actions' });
      const moves = h('div');
      const chart = h('div');
      const matrix = h('div');
      const unresolved = h('div');
      replace(el,
        h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/plans' }, 'Plans'), ' › ', `Plan ${id}`),
        h('section', { class: 'card' }, head, actions, unresolved),
        h('section', { class: 'card', 'aria-labelledby': 'plan-moves-title' }, h('h2', { id: 'plan-moves-title' }, 'Migrations'), moves),
        h('section', { class: 'card', 'aria-labelledby': 'plan-loads-title' }, h('h2', { id: 'plan-loads-title' }, 'Load before and after'), chart),
        h('section', { class: 'card', 'aria-labelledby': 'plan-matrix-title' }, h('h2', { id: 'plan-matrix-title' }, 'Matrix'), matrix));

      let last = '';
      let matrixLoaded = false;
      let executing = false;

      const execute = async () => {
        executing = true;
        try {
          const plan = (await api(`/api/v1/plans/${encodeURIComponent(id)}/execute`,
            { method: 'POST', action: 'execute plans' })).body;
          ctx.notify(`Plan ${id} is being executed${plan && plan.state ? ` (${plan.state})` : ''}.`, 'ok');
        } catch (e) {
          ctx.failed(e);
        } finally {
          executing = false;
          last = '';
          ctx.refreshNow();
        }
      };

      this.refresh = async () => {
        let plan;
        try {
          plan = await get(`/api/v1/plans/${encodeURIComponent(id)}`);
        } catch (e) {
          if (e instanceof NotFoundError) {
            replace(head, h('p', { class: 'notice notice-info' }, `Plan ${id} was not found, or ${UNAVAILABLE.toLowerCase()}`));
            return;
          }
          throw e;
        }
        if (!ctx.alive()) {
          return;
        }
        const snapshot = JSON.stringify(plan);
        if (snapshot === last) {
          return;
        }
        last = snapshot;
        rememberPlan(plan);
        replace(head,
          h('h2', {}, `Plan ${plan.id} · ${plan.kind} `, badge(plan.state, `plan-${plan.state}`)),
          h('dl', { class: 'facts' },
            [['Created', dateTime(plan.createdAt)], ['Strategy', plan.strategy || '–'],
              ['Migrations', String((plan.migrations || []).length)],
              ['Predicted data', bytes((plan.migrations || []).reduce((n, m) => n + (m.predictedBytes || 0), 0))]]
              .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))));
        if (!executing) {
          replace(actions, plan.state === 'RECOMMENDED' && (plan.migrations || []).length > 0
            ? h('button', { type: 'button', id: 'plan-execute', onclick: execute }, `Execute ${plan.migrations.length} migrations`)
            : null);
        }
        replace(unresolved, (plan.unresolved || []).length === 0 ? null
          : h('div', { class: 'notice notice-warn' }, h('strong', {}, 'Not resolved by this plan: '),
            h('ul', {}, plan.unresolved.map((u) => h('li', {}, typeof u === 'string' ? u
              : [u.host, u.vm].filter(Boolean).join(' / ') + (u.reason ? `: ${u.reason}` : ''))))));
        const list = plan.migrations || [];
        replace(moves, list.length === 0 ? h('p', { class: 'muted' }, 'Nothing to move now: no host needs relief (a host counts as overloaded only after staying above the threshold for T).')
          : h('table', { class: 'data', id: 'plan-migrations' },
            h('thead', {}, h('tr', {}, ['#', 'VM', 'Route', 'Policy', 'Reason', 'Predicted time', 'Predicted data', 'Predicted downtime', 'Migration']
              .map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, list.map((m) => h('tr', {},
              h('td', {}, m.seq), h('th', { scope: 'row', class: 'nowrap' }, m.vm),
              h('td', { class: 'route' }, `${m.source} → ${m.destination}`),
              h('td', {}, m.policy || '–'), h('td', {}, m.reason || '–'),
              h('td', {}, duration(m.predictedTotalMs)), h('td', {}, bytes(m.predictedBytes)),
              h('td', {}, duration(m.predictedDowntimeMs)),
              h('td', {}, m.migrationId ? [h('a', { href: `#/migration/${m.migrationId}` }, `#${m.migrationId}`), ' ',
                m.migrationState ? badge(m.migrationState, `state-${m.migrationState}`) : null] : '–'))))));
        const hosts = plan.hosts || [];
        replace(chart, beforeAfterChart(hosts, ctx.session.policy?.loadThreshold || 4),
          hosts.length === 0 ? null : h('details', {}, h('summary', {}, 'Loads as a table'),
            h('table', { class: 'data compact', id: 'plan-loads' },
              h('thead', {}, h('tr', {}, ['Host', 'Load before', 'Load after', 'VMs before', 'VMs after']
                .map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, hosts.map((x) => h('tr', {}, h('th', { scope: 'row' }, x.host),
                h('td', {}, number(x.loadBefore, 2)), h('td', {}, number(x.loadAfter, 2)),
                h('td', {}, x.vmsBefore ?? '–'), h('td', {}, x.vmsAfter ?? '–')))))));
        if (!matrixLoaded) {
          try {
            replace(matrix, matrixTable(await get(`/api/v1/plans/${encodeURIComponent(id)}/matrix`), plan));
            matrixLoaded = true;
          } catch (e) {
            if (!(e instanceof NotFoundError)) {
              throw e;
            }
            replace(matrix, h('p', { class: 'muted' }, 'The matrix of this plan is not available.'));
          }
        }
      };
    },
  };
}
