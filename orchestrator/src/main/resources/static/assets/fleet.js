// The fleet: hosts as a heat map of their load index, migrations in flight and recently finished;
// a host's page with its VMs, the migrate dialog and maintenance.

import { api, get, post, NotFoundError } from './api.js';
import { h, replace, bytes, number, percent, ago, dateTime, badge } from './dom.js';
import { heatColour, heatLegend } from './charts.js';
import { IN_FLIGHT, inFlightTable, finishedTable, stateBadge } from './migration.js';
import { POLICIES } from './policies.js';
import { openSettingsDialog } from './vmsettings.js';
import { formDialog, numberInput } from './dialogs.js';


const RECENT = 10;

/** "PT1M" / 60 / "60s" as operator text. */
function isoDuration(d) {
  if (typeof d === 'number') {
    return `${d} s`;
  }
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(String(d || ''));
  if (!m) {
    return String(d || '?');
  }
  return [m[1] && `${m[1]} h`, m[2] && `${m[2]} min`, m[3] && `${Number(m[3])} s`].filter(Boolean).join(' ') || '0 s';
}

function marksLegend(policy) {
  const threshold = policy && policy.loadThreshold ? number(policy.loadThreshold, 1) : 'the threshold';
  const t = policy && policy.overloadDuration ? isoDuration(policy.overloadDuration) : 'T';
  return h('p', { class: 'marks-legend muted', id: 'marks-legend' },
    h('span', { class: 'mark-sample mark-hot', 'aria-hidden': 'true' }), ` dashed border: load index above ${threshold}; `,
    h('span', { class: 'mark-sample mark-overloaded', 'aria-hidden': 'true' }), ` black border and ⚠ OVERLOADED: above it for ${t} or longer. `,
    'Stripes: maintenance or draining; grey: down. Colour: load index (1 = idle).');
}

function hostBadges(host) {
  return [
    host.state !== 'ACTIVE' ? badge(host.state, `host-${host.state}`) : null,
    host.overloaded ? h('span', { class: 'badge badge-overloaded' }, '⚠ OVERLOADED') : null,
    !host.overloaded && host.overloadedSince ? h('span', { class: 'badge badge-hot' }, 'above threshold') : null,
  ];
}

function utilBar(label, fraction) {
  const v = Math.round(Math.max(0, Math.min(1, fraction || 0)) * 100);
  return h('div', { class: 'util' }, h('span', { class: 'util-label' }, label),
    h('span', { class: 'util-track', 'aria-hidden': 'true' }, h('span', { class: 'util-fill', style: `width:${v}%` })),
    h('span', { class: 'util-value' }, `${v} %`));
}

function hostTile(host, moving) {
  const { background, color } = heatColour(host.loadIndex);
  const status = host.overloaded ? 'overloaded'
    : host.overloadedSince ? 'above the overload threshold' : 'not overloaded';
  const classes = ['tile', host.overloaded ? 'overloaded' : '', host.overloadedSince ? 'hot' : '',
    `state-${host.state.toLowerCase()}`].filter(Boolean).join(' ');
  return h('a', {
    href: `#/host/${encodeURIComponent(host.name)}`, class: classes, style: `background:${background};color:${color}`,
    'data-key': `host-${host.name}`, dataset: { host: host.name, state: host.state, overloaded: String(host.overloaded) },
    'aria-label': `${host.name}: load index ${number(host.loadIndex, 1)}, ${host.vmCount} VMs, ${host.state}, ${status}`
      + (moving && moving.out ? `, ${moving.out} migrating out` : '') + (moving && moving.in ? `, ${moving.in} migrating in` : ''),
  },
  h('span', { class: 'tile-name' }, host.name),
  h('span', { class: 'tile-load' }, number(host.loadIndex, 1)),
  h('span', { class: 'tile-vms' }, `${host.vmCount} VM${host.vmCount === 1 ? '' : 's'}`,
    moving && (moving.out || moving.in) ? h('span', { class: 'tile-moving' },
      [moving.out ? `⇢ ${moving.out} out` : '', moving.in ? `⇠ ${moving.in} in` : ''].filter(Boolean).join(' · ')) : null),
  h('span', { class: 'tile-badges' }, hostBadges(host)));
}

function split(migrations) {
  const inFlight = migrations.filter((m) => IN_FLIGHT.includes(m.state));
  const finished = migrations.filter((m) => !IN_FLIGHT.includes(m.state))
    .sort((a, b) => String(b.finishedAt || '').localeCompare(String(a.finishedAt || '')));
  return { inFlight, finished };
}

/** Re-renders `el` only when the data changed (keeps the DOM, and the user's focus, still). */
function changed(el, data) {
  const snapshot = JSON.stringify(data);
  if (el.dataset.snapshot === snapshot) {
    return false;
  }
  el.dataset.snapshot = snapshot;
  return true;
}

export function fleetView() {
  return {
    title: 'Fleet',
    section: '#/',
    mount(el, ctx) {
      const summary = h('p', { id: 'fleet-summary', class: 'muted' });
      const tiles = h('div', { class: 'heatmap', id: 'heatmap' });
      const inFlight = h('div', { id: 'in-flight' });
      const recent = h('div', { id: 'recent' });
      replace(el,
        h('section', { class: 'card', 'aria-labelledby': 'hosts-title' },
          h('div', { class: 'section-head' }, h('h2', { id: 'hosts-title' }, 'Hosts'), heatLegend()),
          summary,
          marksLegend(ctx.session.policy),
          tiles),
        h('section', { class: 'card', 'aria-labelledby': 'in-flight-title' },
          h('h2', { id: 'in-flight-title' }, 'Migrations in flight'), inFlight),
        h('section', { class: 'card', 'aria-labelledby': 'recent-title' },
          h('h2', { id: 'recent-title' }, 'Recently finished'), recent));

      this.refresh = async () => {
        const [hosts, migrations] = await Promise.all([get('/api/v1/hosts?size=1000'), get('/api/v1/migrations?size=100')]);
        if (!ctx.alive()) {
          return;
        }
        const { inFlight: running, finished } = split(migrations);
        const count = (pred) => hosts.filter(pred).length;
        replace(summary, `${hosts.length} hosts · ${count((x) => x.overloaded)} overloaded · `
          + `${count((x) => !x.overloaded && x.overloadedSince)} above threshold · `
          + `${count((x) => x.state === 'MAINTENANCE' || x.state === 'DRAINING')} in maintenance · `
          + `${count((x) => x.state === 'DOWN')} down · ${hosts.reduce((n, x) => n + x.vmCount, 0)} VMs`);
        const moving = {};
        for (const m of running) {
          (moving[m.source] ||= { out: 0, in: 0 }).out += 1;
          if (m.destination) {
            (moving[m.destination] ||= { out: 0, in: 0 }).in += 1;
          }
        }
        if (changed(tiles, [hosts.map((x) => [x.name, x.state, Math.round(x.loadIndex * 10), x.overloaded, x.overloadedSince, x.vmCount]), moving])) {
          replace(tiles, hosts.map((x) => hostTile(x, moving[x.name])));
        }
        if (changed(inFlight, running)) {
          replace(inFlight, inFlightTable(running));
        }
        if (changed(recent, finished.slice(0, RECENT).map((m) => [m.id, m.state, Math.floor(Date.now() / 10000)]))) {
          replace(recent, finishedTable(finished.slice(0, RECENT)));
        }
      };
    },
  };
}

// ---------------------------------------------------------------- migrate dialog

let dialog = null;

export function closeMigrateDialog() {
  if (dialog && dialog.open) {
    dialog.close();
  }
}

/** Opens the migrate dialog for a VM; hosts are the current host list (for the destination select). */
function openMigrateDialog(vm, hosts, ctx) {
  if (dialog) {
    dialog.remove();
  }
  const destination = h('select', { id: 'migrate-destination', name: 'destination' },
    h('option', { value: '' }, 'Let the orchestrator choose'),
    hosts.filter((x) => x.name !== vm.host).map((x) => h('option', { value: x.name, disabled: x.state !== 'ACTIVE' },
      `${x.name} · load ${number(x.loadIndex, 1)} · ${x.vmCount} VMs${x.state !== 'ACTIVE' ? ` · ${x.state}` : ''}`)));
  const policy = h('select', { id: 'migrate-policy', name: 'policy' },
    h('option', { value: '' }, `Server default (${ctx.session.policy?.defaultMigrationPolicy || 'auto'})`),
    POLICIES.map((p) => h('option', { value: p }, p)));
  const downtime = numberInput('migrate-downtime', 'maxDowntimeMs', 1, 2000000, 'policy default');
  const bandwidth = numberInput('migrate-bandwidth', 'bandwidthMibps', 1, 1000000, 'unlimited');
  dialog = formDialog('migrate', `Migrate ${vm.name}`, [
    h('p', { class: 'muted' }, `Now on ${vm.host}: ${vm.vcpus} vCPUs, ${bytes(vm.memoryBytes)} memory, `
      + `dirtying ${vm.dirtyRateBytesPerSecond === null ? '?' : `${bytes(vm.dirtyRateBytesPerSecond)}/s`}.`),
    h('label', { for: 'migrate-destination' }, 'Destination'), destination,
    h('label', { for: 'migrate-policy' }, 'Policy'), policy,
    h('label', { for: 'migrate-downtime' }, 'Max downtime (ms, optional)'), downtime,
    h('label', { for: 'migrate-bandwidth' }, 'Bandwidth (MiB/s, optional)'), bandwidth,
  ], 'Start migration', async () => {
    const body = { vm: vm.name };
    if (destination.value) body.destination = destination.value;
    if (policy.value) body.policy = policy.value;
    if (downtime.value) body.maxDowntimeMs = Number(downtime.value);
    if (bandwidth.value) body.bandwidthMibps = Number(bandwidth.value);
    let response;
    try {
      response = await api('/api/v1/migrations', { method: 'POST', body, action: 'start migrations' });
    } catch (e) {
      if (e.status === 403) {
        ctx.markReadOnly();
      }
      throw e;
    }
    const m = response.body;
    ctx.notify(`Migration #${m.id} of ${m.vm} to ${m.destination || 'a host the orchestrator chooses'} started.`, 'ok');
    location.hash = `#/migration/${m.id}`;
  });
  document.body.append(dialog);
  dialog.showModal();
  destination.focus();
}

// ---------------------------------------------------------------- host page

export function hostView(name) {
  return {
    title: name,
    section: '#/',
    mount(el, ctx) {
      const head = h('div', { id: 'host-head' });
      const maintenance = h('div', { class: 'operator-only', id: 'maintenance' });
      const drain = h('div', { id: 'drain', 'aria-live': 'polite' });
      const vmsBox = h('div', { id: 'host-vms' });
      const inFlight = h('div');
      const recent = h('div');
      replace(el,
        h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Fleet'), ' › ', name),
        h('section', { class: 'card' }, head, maintenance, drain),
        h('section', { class: 'card', 'aria-labelledby': 'vms-title' }, h('h2', { id: 'vms-title' }, `VMs on ${name}`), vmsBox),
        h('section', { class: 'card', 'aria-labelledby': 'host-migrations-title' },
          h('h2', { id: 'host-migrations-title' }, 'Migrations in flight from or to this host'), inFlight),
        h('section', { class: 'card', 'aria-labelledby': 'host-recent-title' },
          h('h2', { id: 'host-recent-title' }, 'Recently finished'), recent));

      let hosts = [];
      let vms = [];
      let maintenanceFor = null;
      let confirming = false;

      const renderMaintenance = (host) => {
        const key = `${host.state}/${confirming}`;
        if (maintenanceFor === key) {
          return;
        }
        maintenanceFor = key;
        if (host.state === 'ACTIVE' && !confirming) {
          replace(maintenance, h('button', { type: 'button', id: 'maintenance-enter', 'data-key': 'enter',
            onclick: () => { confirming = true; renderMaintenance(host); maintenance.querySelector('#maintenance-confirm').focus(); } },
          'Enter maintenance…'));
        } else if (host.state === 'ACTIVE') {
          replace(maintenance, h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm maintenance' },
            h('span', {}, `Drain ${host.name}: its ${host.vmCount} VMs are migrated away and it takes no new VMs. `),
            h('button', { type: 'button', id: 'maintenance-confirm', class: 'danger', 'data-key': 'confirm',
              onclick: async () => {
                confirming = false;
                try {
                  const d = await post(`/api/v1/hosts/${encodeURIComponent(host.name)}/maintenance`, undefined,
                    'put hosts into maintenance');
                  showDrain(d);
                } catch (e) {
                  ctx.failed(e instanceof NotFoundError ? new Error('Maintenance is not available on this server yet.') : e);
                }
                maintenanceFor = null;
                ctx.refreshNow();
              } }, 'Drain and enter maintenance'),
            h('button', { type: 'button', class: 'secondary', 'data-key': 'cancel-confirm',
              onclick: () => { confirming = false; maintenanceFor = null; renderMaintenance(host); } }, 'Keep active')));
        } else if (host.state === 'MAINTENANCE' || host.state === 'DRAINING') {
          replace(maintenance, h('button', { type: 'button', id: 'maintenance-exit', 'data-key': 'exit',
            onclick: async () => {
              try {
                await api(`/api/v1/hosts/${encodeURIComponent(host.name)}/maintenance`,
                  { method: 'DELETE', action: 'take hosts out of maintenance' });
                ctx.notify(`${host.name} leaves maintenance.`, 'ok');
                replace(drain);
              } catch (e) {
                ctx.failed(e instanceof NotFoundError ? new Error('Maintenance is not available on this server yet.') : e);
              }
              maintenanceFor = null;
              ctx.refreshNow();
            } }, 'Exit maintenance'));
        } else {
          replace(maintenance);
        }
      };

      let drainShown = false;
      const showDrain = (d) => {
        if (!d) {
          return;
        }
        drainShown = d.state === 'RUNNING';
        replace(drain, h('div', { class: 'drain' },
          h('strong', {}, `Drain ${d.state ? d.state.toLowerCase() : ''}: `),
          `${d.migratedVms ?? 0} of ${d.totalVms ?? '?'} VMs moved`,
          d.failedVms ? `, ${d.failedVms} failed` : '', d.message ? ` — ${d.message}` : ''));
      };

      const renderVms = () => {
        if (vms.length === 0) {
          replace(vmsBox, h('p', { class: 'muted' }, 'No VM runs on this host.'));
          return;
        }
        replace(vmsBox, h('table', { class: 'data', id: 'vm-table' },
          h('caption', { class: 'sr-only' }, `VMs on ${name}`),
          h('thead', {}, h('tr', {}, ['VM', 'State', 'vCPUs', 'Memory', 'CPU', 'Dirty rate', 'Working set', 'Resident', 'Last migrated', '']
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, vms.map((v) => h('tr', { dataset: { vm: v.name } },
            h('th', { scope: 'row' }, v.name),
            h('td', {}, v.state, v.stateReason && v.stateReason !== 'booted' ? h('span', { class: 'muted' }, ` (${v.stateReason})`) : null),
            h('td', {}, v.vcpus),
            h('td', {}, bytes(v.memoryBytes)),
            h('td', {}, percent(v.utilization && v.utilization.cpu)),
            h('td', {}, v.dirtyRateBytesPerSecond === null ? '–' : `${bytes(v.dirtyRateBytesPerSecond)}/s`),
            h('td', {}, bytes(v.workingSetBytes)),
            h('td', { title: 'guest memory the host holds pages for' }, bytes(v.residentBytes)),
            h('td', { title: dateTime(v.lastMigratedAt) }, v.lastMigratedAt ? ago(v.lastMigratedAt) : 'never'),
            h('td', {}, h('button', { type: 'button', class: 'small operator-only migrate-button', 'data-key': `migrate-${v.name}`,
              'aria-label': `Migrate ${v.name}`, onclick: () => openMigrateDialog(v, hosts, ctx) }, 'Migrate…'),
            ' ', h('button', { type: 'button', class: 'small secondary admin-only settings-button',
              'data-key': `settings-${v.name}`, 'aria-label': `Settings of ${v.name}`,
              onclick: () => openSettingsDialog(v, ctx) }, 'Settings…')))))));
      };

      this.refresh = async () => {
        const q = encodeURIComponent(name);
        const [host, allHosts, vmList, migrations] = await Promise.all([
          get(`/api/v1/hosts/${q}`), get('/api/v1/hosts?size=1000'), get(`/api/v1/vms?host=${q}&size=1000`),
          get(`/api/v1/migrations?host=${q}&size=50`)]);
        if (!ctx.alive()) {
          return;
        }
        hosts = allHosts;
        const { background, color } = heatColour(host.loadIndex);
        replace(head,
          h('div', { class: 'host-title' },
            h('span', { class: 'swatch-load', style: `background:${background};color:${color}` }, number(host.loadIndex, 1)),
            h('h2', {}, host.name), h('span', { id: 'host-state' }, badge(host.state, `host-${host.state}`)), hostBadges(host).slice(1)),
          h('div', { class: 'host-grid' },
            h('dl', { class: 'facts' },
              [['Cluster', host.cluster], ['Load index', number(host.loadIndex, 2)], ['VMs', host.vmCount],
                ['CPUs', host.cpus], ['Memory', bytes(host.memoryBytes)],
                ['Above threshold since', host.overloadedSince ? `${dateTime(host.overloadedSince)} (${ago(host.overloadedSince)})` : '–'],
                ['Last seen', host.lastSeenAt ? ago(host.lastSeenAt) : 'never']]
                .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, String(v))))),
            h('div', { class: 'utils' }, utilBar('CPU', host.utilization.cpu), utilBar('Memory', host.utilization.memory),
              utilBar('Disk', host.utilization.disk), utilBar('Network', host.utilization.network))));
        renderMaintenance(host);
        // The API answers the drain only once (POST); after that the host's own state tells the story.
        if (drainShown && host.state === 'MAINTENANCE') {
          replace(drain, h('div', { class: 'drain' }, h('strong', {}, 'Drained: '),
            `${host.name} is in maintenance with ${host.vmCount} VM${host.vmCount === 1 ? '' : 's'} left.`));
          drainShown = false;
        } else if (host.state === 'ACTIVE' && !drainShown) {
          replace(drain);
        }
        if (changed(vmsBox, vmList.map((v) => [v.name, v.state, v.stateReason, Math.round((v.utilization?.cpu || 0) * 100),
          v.dirtyRateBytesPerSecond, v.workingSetBytes, v.residentBytes, v.lastMigratedAt]))) {
          vms = vmList;
          renderVms();
        }
        const { inFlight: running, finished } = split(migrations);
        if (changed(inFlight, running)) {
          replace(inFlight, inFlightTable(running, `Migrations in flight on ${name}`));
        }
        if (changed(recent, finished.slice(0, RECENT).map((m) => [m.id, m.state, Math.floor(Date.now() / 10000)]))) {
          replace(recent, finishedTable(finished.slice(0, RECENT), `Recently finished migrations on ${name}`));
        }
      };
    },
  };
}

export { stateBadge };
