// Small DOM and formatting helpers. Text always goes in as text nodes, never as HTML, so names
// coming from hypervisors cannot inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('a', {href: '#/'}, 'text', child, ...). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same shape as h(). */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/**
 * Replaces a container's content, keeping keyboard focus on the element with the same
 * data-key (re-rendering every poll must not throw the user's focus away).
 */
export function replace(container, ...children) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset.key : null;
  container.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  if (key) {
    const again = container.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) {
      again.focus({ preventScroll: true });
    }
  }
}

export function bytes(n) {
  if (n === null || n === undefined) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Number(n);
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) {
    return '–';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const sec = ms / 1000;
  if (sec < 60) {
    return `${sec.toFixed(sec < 10 ? 2 : 1)} s`;
  }
  const min = Math.floor(sec / 60);
  if (min < 60) {
    return `${min} min ${Math.round(sec - min * 60)} s`;
  }
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

export function seconds(sec) {
  return sec === null || sec === undefined ? '–' : duration(sec * 1000);
}

export function number(n, digits = 0) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en', {
    maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function percent(fraction) {
  return fraction === null || fraction === undefined ? '–' : `${Math.round(fraction * 100)} %`;
}

export function time(iso) {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  return d.toLocaleTimeString('en-GB', { hour12: false });
}

export function dateTime(iso) {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  return `${d.toLocaleDateString('en-CA')} ${d.toLocaleTimeString('en-GB', { hour12: false })}`;
}

export function ago(iso) {
  if (!iso) {
    return '–';
  }
  const sec = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (sec < 90) {
    return `${Math.round(sec)} s ago`;
  }
  if (sec < 5400) {
    return `${Math.round(sec / 60)} min ago`;
  }
  return `${Math.round(sec / 3600)} h ago`;
}

/** A labelled progress bar (role=progressbar, so screen readers announce it). */
export function progressBar(value, label) {
  const v = Math.max(0, Math.min(100, Math.round(value || 0)));
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': v, 'aria-label': label || 'progress' },
  h('div', { class: 'progress-fill', style: `width:${v}%` }),
  h('span', { class: 'progress-text' }, `${v} %`));
}

export function badge(text, kind) {
  return h('span', { class: `badge badge-${(kind || text).toLowerCase()}` }, text);
}
