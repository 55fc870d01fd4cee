// A migration's page (live progress, actions, metrics, per-iteration chart) and the migration
// tables shared with the fleet and host pages.

import { get, post } from './api.js';
import { h, replace, bytes, duration, seconds, number, dateTime, ago, progressBar, badge } from './dom.js';
import { iterationCharts, phasesBar } from './charts.js';

export const IN_FLIGHT = ['PENDING', 'RUNNING', 'POSTCOPY', 'RECOVERING', 'ESCALATED'];

/** What a migration is doing right now, in operator words. */
export function phaseText(m) {
  const live = m.live;
  if (live) {
    switch (live.phase) {
      case 'SETUP': return 'setting up';
      case 'PRECOPY': return `pre-copy round ${live.iteration}`;
      case 'STOP_AND_COPY': return 'stop-and-copy (guest paused)';
      case 'POSTCOPY': return 'post-copy';
      case 'POSTCOPY_PAUSED': return 'post-copy paused (link lost)';
      default: return live.phase.toLowerCase().replaceAll('_', ' ');
    }
  }
  switch (m.state) {
    case 'PENDING': return 'queued';
    case 'RUNNING': return 'starting';
    case 'POSTCOPY': return 'post-copy';
    case 'RECOVERING': return 'post-copy paused, recovering';
    case 'ESCALATED': return 'paused, waiting for an operator';
    default: return m.stateReason || m.state.toLowerCase();
  }
}

export function stateBadge(state) {
  return badge(state, `state-${state}`);
}

function route(m) {
  return h('span', { class: 'route' }, m.source || '?', h('span', { 'aria-label': ' to ' }, ' → '), m.destination || 'planner chooses');
}

/** Table of migrations in flight, with progress bars. */
export function inFlightTable(list, caption) {
  if (list.length === 0) {
    return h('p', { class: 'muted', id: 'no-migrations-in-flight' }, 'No migration in flight.');
  }
  return h('table', { class: 'data', id: 'migrations-in-flight' },
    h('caption', { class: 'sr-only' }, caption || 'Migrations in flight'),
    h('thead', {}, h('tr', {}, ['#', 'VM', 'Route', 'Policy', 'State', 'Phase', 'Progress', 'ETA', 'Elapsed']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, list.map((m) => h('tr', { class: 'migration-row', dataset: { migrationId: m.id, state: m.state } },
      h('td', {}, h('a', { href: `#/migration/${m.id}`, 'data-key': `m-${m.id}` }, `#${m.id}`)),
      h('td', {}, m.vm),
      h('td', {}, route(m)),
      h('td', {}, m.policy),
      h('td', {}, stateBadge(m.state)),
      h('td', { class: 'phase-text' }, phaseText(m)),
      h('td', { class: 'progress-cell' }, progressBar(m.live ? m.live.progressPercent : 0, `progress of migration ${m.id}`)),
      h('td', {}, m.live ? seconds(m.live.etaSeconds) : '–'),
      h('td', {}, m.live ? duration(m.live.elapsedMs) : '–')))));
}

/** Table of finished migrations, newest first. */
export function finishedTable(list, caption) {
  if (list.length === 0) {
    return h('p', { class: 'muted' }, 'No finished migration yet.');
  }
  return h('table', { class: 'data', id: 'migrations-recent' },
    h('caption', { class: 'sr-only' }, caption || 'Recently finished migrations'),
    h('thead', {}, h('tr', {}, ['#', 'VM', 'Route', 'Policy', 'State', 'Finished', 'Total time', 'Downtime', 'Data']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, list.map((m) => h('tr', { class: 'migration-row', dataset: { migrationId: m.id, state: m.state } },
      h('td', {}, h('a', { href: `#/migration/${m.id}`, 'data-key': `m-${m.id}` }, `#${m.id}`)),
      h('td', {}, m.vm),
      h('td', {}, route(m)),
      h('td', {}, m.policy),
      h('td', {}, stateBadge(m.state), m.failureCause ? h('span', { class: 'cause' }, ` ${m.failureCause}`) : null),
      h('td', { title: dateTime(m.finishedAt) }, ago(m.finishedAt)),
      h('td', {}, duration(m.metrics && m.metrics.totalTimeMs)),
      h('td', {}, duration(m.metrics && m.metrics.downtimeMs)),
      h('td', {}, bytes(m.metrics && m.metrics.totalBytes))))));
}

function fact(label, value, id) {
  return h('div', {}, h('dt', {}, label), h('dd', id ? { id } : {}, value));
}

function metricsBlock(m) {
  const x = m.metrics || {};
  return h('div', { class: 'metrics' },
    phasesBar(x),
    h('dl', { class: 'facts', id: 'migration-metrics' },
      fact('Total time', duration(x.totalTimeMs)),
      fact('t1 preparation', duration(x.t1PreparationMs)),
      fact('t2 downtime', duration(x.t2DowntimeMs)),
      fact('t3 resume', duration(x.t3ResumeMs)),
      fact('Downtime', duration(x.downtimeMs)),
      fact('Data sent', bytes(x.totalBytes)),
      fact('Pages sent (Npage)', number(x.pagesSent)),
      fact('Pre-copy rounds', number(x.precopyRounds)),
      fact('Post-copy time', duration(x.postcopyMs)),
      fact('Post-copy data', bytes(x.postcopyBytes)),
      fact('Post-copy page faults', number(x.postcopyFaults))));
}

/** Prediction vs outcome, when the server reports the prediction the migration was planned with. */
function predictionBlock(m) {
  const p = m.prediction;
  if (!p) {
    return null;
  }
  const x = m.metrics || {};
  const row = (label, predicted, actual, fmt) => h('tr', {}, h('th', { scope: 'row' }, label),
    h('td', {}, fmt(predicted)), h('td', {}, fmt(actual)));
  return h('section', { class: 'card', id: 'prediction' }, h('h3', {}, 'Prediction vs outcome'),
    h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { scope: 'col' }, 'predicted'), h('th', { scope: 'col' }, 'actual'))),
      h('tbody', {},
        row('Total time', p.totalTimeMs, x.totalTimeMs, duration),
        row('Data', p.totalBytes, x.totalBytes, bytes),
        row('Downtime', p.downtimeMs, x.downtimeMs, duration))),
    h('p', { class: 'muted' }, 'Predicted by the simulator from the VM’s observed dirty rate and working set before the start.'));
}

function iterationTable(its) {
  if (!its || its.length === 0) {
    return null;
  }
  return h('details', {}, h('summary', {}, `Rounds as a table (${its.length})`),
    h('table', { class: 'data compact', id: 'iterations-table' },
      h('thead', {}, h('tr', {}, ['Round', 'Elapsed', 'Pages', 'Data', 'λ', 'Throttle', 'Downtime limit', 'Dirty rate (pages/s)']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, its.map((it) => h('tr', {},
        h('td', {}, it.iteration), h('td', {}, duration(it.elapsedMs)), h('td', {}, number(it.pages)),
        h('td', {}, bytes(it.bytes)), h('td', {}, it.lambda === null || it.lambda === undefined ? '–' : number(it.lambda, 3)),
        h('td', {}, `${it.throttlePercent} %`), h('td', {}, `${number(it.downtimeLimitMs)} ms`),
        h('td', {}, number(it.dirtyRatePagesPerSecond)))))));
}

export function migrationView(id) {
  return {
    title: `Migration #${id}`,
    section: '#/',
    mount(el, ctx) {
      const head = h('div', { id: 'migration-head' });
      const actions = h('div', { class: 'actions operator-only', id: 'migration-actions' });
      const live = h('section', { class: 'card', id: 'migration-live', 'aria-live': 'polite' });
      const metrics = h('section', { class: 'card', 'aria-labelledby': 'metrics-title' });
      const prediction = h('div');
      const chart = h('section', { class: 'card', id: 'iterations', 'aria-labelledby': 'iterations-title' });
      replace(el,
        h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Fleet'), ' › ', `Migration #${id}`),
        head, actions, live, metrics, prediction, chart);

      let last = '';
      let lastState = '';
      let busy = false;

      const act = async (verb, label, action) => {
        busy = true;
        try {
          await post(`/api/v1/migrations/${id}/${verb}`, undefined, action);
          ctx.notify(`${label} requested for migration #${id}.`, 'ok');
        } catch (e) {
          ctx.failed(e);
        } finally {
          busy = false;
          ctx.refreshNow();
        }
      };

      const renderActions = (m) => {
        const buttons = [];
        if (m.state === 'PENDING' || m.state === 'RUNNING') {
          buttons.push(h('button', { type: 'button', id: 'action-cancel', class: 'danger', 'data-key': 'cancel',
            onclick: () => act('cancel', 'Cancel', 'cancel migrations') }, 'Cancel migration'));
        }
        if (m.state === 'RUNNING') {
          buttons.push(h('button', { type: 'button', id: 'action-postcopy', 'data-key': 'postcopy',
            onclick: () => act('postcopy', 'Switch to post-copy', 'switch migrations to post-copy') }, 'Switch to post-copy'));
        }
        if (m.state === 'RECOVERING' || m.state === 'ESCALATED') {
          buttons.push(h('button', { type: 'button', id: 'action-resume', 'data-key': 'resume',
            onclick: () => act('resume', 'Resume', 'resume migrations') }, 'Resume post-copy'));
        }
        replace(actions, buttons);
      };

      this.refresh = async () => {
        const m = await get(`/api/v1/migrations/${id}`);
        if (!ctx.alive()) {
          return;
        }
        const snapshot = JSON.stringify(m);
        if (snapshot === last) {
          return;
        }
        last = snapshot;
        replace(head,
          h('h2', {}, `Migration #${m.id} · ${m.vm} `, h('span', { id: 'migration-state' }, stateBadge(m.state))),
          h('dl', { class: 'facts' },
            fact('Route', route(m)),
            fact('Policy', m.policy, 'migration-policy'),
            fact('Stream', m.tls ? 'TLS (encrypted)' : 'plain', 'migration-stream'),
            fact('Requested by', m.requestedBy || '–'),
            fact('Created', dateTime(m.createdAt)),
            fact('Started', dateTime(m.startedAt)),
            fact('Finished', dateTime(m.finishedAt)),
            m.stateReason ? fact('Reason', m.stateReason) : null,
            m.failureCause ? fact('Failure cause', m.failureCause) : null));
        if (m.state !== lastState && !busy) {
          renderActions(m);
          lastState = m.state;
        }
        if (IN_FLIGHT.includes(m.state)) {
          const l = m.live;
          replace(live, h('h3', {}, 'Live'),
            progressBar(l ? l.progressPercent : 0, 'migration progress'),
            h('dl', { class: 'facts' },
              fact('Phase', phaseText(m), 'live-phase'),
              fact('ETA', l ? eta(l) : '–', 'live-eta'),
              fact('Elapsed', l ? duration(l.elapsedMs) : '–'),
              fact('Sent', l ? bytes(l.dataProcessedBytes) : '–'),
              fact('Remaining', l ? bytes(l.dataRemainingBytes) : '–'),
              fact('CPU throttle', l ? `${l.throttlePercent} %` : '–')));
          live.hidden = false;
        } else {
          replace(live);
          live.hidden = true;
        }
        const running = IN_FLIGHT.includes(m.state);
        replace(metrics, h('h3', { id: 'metrics-title' }, 'Metrics'),
          running ? h('p', { class: 'muted' }, 'Measured when the migration ends.') : metricsBlock(m));
        replace(prediction, predictionBlock(m));
        replace(chart, h('h3', { id: 'iterations-title' }, 'Pre-copy rounds'),
          running && (!m.iterations || m.iterations.length === 0)
            ? h('p', { class: 'muted' }, 'Each round appears here when it has been sent.')
            : iterationCharts(m.iterations),
          iterationTable(m.iterations));
      };
    },
  };
}

/** Seconds left and the time of day the migration should end (wall clock, also on the simulator). */
function eta(live) {
  if (live.etaSeconds === null || live.etaSeconds === undefined) {
    return '–';
  }
  return live.etaAt ? `${seconds(live.etaSeconds)} (at ${dateTime(live.etaAt).split(' ')[1]})` : seconds(live.etaSeconds);
}
