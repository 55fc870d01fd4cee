// A VM's own migration settings (ADMIN): policy, allowed modes, limits, planner groups, cold fallback.
// Every field is optional; an empty one goes back to the fleet default. Saved as a whole (PUT).

import { api, get } from './api.js';
import { h } from './dom.js';
import { formDialog, numberInput } from './dialogs.js';
import { POLICIES } from './policies.js';

let dialog = null;

export function closeSettingsDialog() {
  if (dialog && dialog.open) {
    dialog.close();
  }
}

function textInput(id, name, placeholder) {
  return h('input', { id, name, type: 'text', maxlength: 128, placeholder });
}

/** Reads the VM's settings and opens the dialog; ctx gives notify/failed and the fleet policy. */
export async function openSettingsDialog(vm, ctx) {
  const path = `/api/v1/vms/${encodeURIComponent(vm.name)}/settings`;
  let current;
  try {
    current = await get(path);
  } catch (e) {
    ctx.failed(e);
    return;
  }
  if (dialog) {
    dialog.remove();
  }
  const policy = h('select', { id: 'settings-policy', name: 'policy' },
    h('option', { value: '' }, `Fleet default (${ctx.session.policy?.defaultMigrationPolicy || 'auto'})`),
    POLICIES.map((p) => h('option', { value: p, selected: current.policy === p }, p)));
  const allModes = current.allowedModes === null || current.allowedModes === undefined;
  const mode = (name) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', id: `settings-mode-${name}`, name: 'allowedModes', value: name,
      checked: allModes || current.allowedModes.includes(name) }), ` ${name}`);
  const downtime = numberInput('settings-downtime', 'maxDowntimeMs', 1, 2000000, '300 (default)');
  const bandwidth = numberInput('settings-bandwidth', 'bandwidthMibps', 1, 1000000, 'unlimited');
  const deadline = numberInput('settings-deadline', 'deadlineSeconds', 1, 604800, 'none');
  const affinity = textInput('settings-affinity', 'affinityGroup', 'none');
  const antiAffinity = textInput('settings-anti-affinity', 'antiAffinityGroup', 'none');
  const allowCold = h('input', { type: 'checkbox', id: 'settings-allow-cold', name: 'allowCold',
    checked: current.allowCold === true });
  for (const [input, value] of [[downtime, current.maxDowntimeMs], [bandwidth, current.bandwidthMibps],
    [deadline, current.deadlineSeconds], [affinity, current.affinityGroup], [antiAffinity, current.antiAffinityGroup]]) {
    input.value = value === null || value === undefined ? '' : String(value);
  }
  dialog = formDialog('settings', `Settings of ${vm.name}`, [
    h('p', { class: 'muted' }, 'Used by every migration of this VM that does not set its own; empty = fleet default.'),
    h('label', { for: 'settings-policy' }, 'Migration policy'), policy,
    h('fieldset', { class: 'modes' }, h('legend', {}, 'Allowed modes (pre-copy always)'),
      mode('postcopy'), mode('autoconverge')),
    h('label', { for: 'settings-downtime' }, 'Max downtime (ms)'), downtime,
    h('label', { for: 'settings-bandwidth' }, 'Bandwidth cap (MiB/s)'), bandwidth,
    h('label', { for: 'settings-deadline' }, 'Deadline (s)'), deadline,
    h('label', { for: 'settings-affinity' }, 'Affinity group (kept on one host)'), affinity,
    h('label', { for: 'settings-anti-affinity' }, 'Anti-affinity group (kept apart)'), antiAffinity,
    h('label', { class: 'check', for: 'settings-allow-cold' }, allowCold,
      ' A drain may move it cold (shut down, moved, started) after three failed live tries'),
  ], 'Save settings', async (form) => {
    const checked = [...form.querySelectorAll('input[name=allowedModes]')].filter((c) => c.checked).map((c) => c.value);
    const body = {};
    if (policy.value) body.policy = policy.value;
    // Both checked = every mode, which is the default: leave it out.
    if (checked.length < 2) body.allowedModes = ['precopy', ...checked];
    if (downtime.value) body.maxDowntimeMs = Number(downtime.value);
    if (bandwidth.value) body.bandwidthMibps = Number(bandwidth.value);
    if (deadline.value) body.deadlineSeconds = Number(deadline.value);
    if (affinity.value.trim()) body.affinityGroup = affinity.value.trim();
    if (antiAffinity.value.trim()) body.antiAffinityGroup = antiAffinity.value.trim();
    if (allowCold.checked) body.allowCold = true;
    await api(path, { method: 'PUT', body, action: 'change VM settings' });
    ctx.notify(`Settings of ${vm.name} saved.`, 'ok');
  });
  document.body.append(dialog);
  dialog.showModal();
  policy.focus();
}
