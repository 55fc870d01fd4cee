// Charts drawn as plain SVG: the load-index colour scale, the per-iteration chart of a migration
// and the before/after load chart of a plan. Every chart has a <title>/<desc> and the data is
// also given as a table next to it, so nothing is only visible as a picture.

import { h, s, number } from './dom.js';

// Colour stops of the load index heat map, on a log2 scale: 1 (idle) ... 32 and above.
const STOPS = [
  [0.0, [26, 152, 80]],
  [0.25, [145, 207, 96]],
  [0.4, [254, 224, 139]], // load index 4: the default overload threshold
  [0.6, [253, 174, 97]],
  [0.8, [244, 109, 67]],
  [1.0, [165, 0, 38]],
];

/** Position 0..1 of a load index on the heat map's log scale. */
export function heatPosition(loadIndex) {
  const l = Math.max(1, Number(loadIndex) || 1);
  return Math.min(1, Math.log2(l) / 5);
}

/** {background, color} for a load index; text colour chosen for contrast. */
export function heatColour(loadIndex) {
  const t = heatPosition(loadIndex);
  let i = 1;
  while (i < STOPS.length - 1 && STOPS[i][0] < t) {
    i += 1;
  }
  const [t0, c0] = STOPS[i - 1];
  const [t1, c1] = STOPS[i];
  const f = t1 === t0 ? 0 : (t - t0) / (t1 - t0);
  const rgb = c0.map((c, k) => Math.round(c + (c1[k] - c) * Math.max(0, Math.min(1, f))));
  const lum = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
  return { background: `rgb(${rgb.join(',')})`, color: luminance > 0.22 ? '#111' : '#fff' };
}

/** The heat map's legend: a gradient with the load indices 1..32. */
export function heatLegend() {
  const stops = STOPS.map(([t, c]) => s('stop', { offset: `${t * 100}%`, 'stop-color': `rgb(${c.join(',')})` }));
  const ticks = [1, 2, 4, 8, 16, 32].map((l) => {
    const x = 10 + heatPosition(l) * 300;
    return [s('line', { x1: x, x2: x, y1: 22, y2: 27, stroke: '#333' }),
      s('text', { x, y: 39, 'text-anchor': 'middle', class: 'axis' }, l === 32 ? '32+' : String(l))];
  });
  return s('svg', { viewBox: '0 0 320 44', class: 'legend', role: 'img', 'aria-labelledby': 'legend-title' },
    s('title', { id: 'legend-title' }, 'Colour scale of the load index, from 1 (idle, green) to 32 and more (red)'),
    s('defs', {}, s('linearGradient', { id: 'heat-gradient' }, stops)),
    s('rect', { x: 10, y: 4, width: 300, height: 18, fill: 'url(#heat-gradient)', stroke: '#555' }),
    ticks);
}

/** About `count` round tick values from 0 to at least max. */
function ticks(max, count = 4) {
  if (!(max > 0)) {
    return [0, 1];
  }
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw);
  const out = [];
  for (let v = 0; v <= max + step * 0.999; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

function compact(v) {
  if (v >= 1e9) return `${number(v / 1e9, 1)}G`;
  if (v >= 1e6) return `${number(v / 1e6, 1)}M`;
  if (v >= 1e3) return `${number(v / 1e3, 1)}k`;
  return number(v, v < 10 && v % 1 ? 2 : 0);
}

const W = 760;
const M = { l: 62, r: 62, t: 16, b: 44 };

function frame(id, title, desc, height, content) {
  return s('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, id },
  s('title', { id: `${id}-title` }, title),
  s('desc', { id: `${id}-desc` }, desc),
  content);
}

function legend(items) {
  return h('ul', { class: 'chart-legend' }, items.map(([cls, label]) =>
    h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label)));
}

/**
 * Pre-copy rounds of a migration: pages sent per round as bars with λ (dirtied / sent) as a
 * line, then auto-converge throttle and the downtime limit per round.
 */
export function iterationCharts(iterations) {
  if (!iterations || iterations.length === 0) {
    return h('p', { class: 'muted' }, 'No pre-copy rounds recorded (cold or pure post-copy migration, or not started).');
  }
  const n = iterations.length;
  const H1 = 260;
  const H2 = 200;
  const plotW = W - M.l - M.r;
  const band = plotW / n;
  const xMid = (i) => M.l + band * i + band / 2;
  const labelEvery = Math.ceil(n / 20);

  const xAxis = (height) => [
    s('line', { x1: M.l, x2: W - M.r, y1: height - M.b, y2: height - M.b, class: 'axis-line' }),
    iterations.map((it, i) => (i % labelEvery === 0
      ? s('text', { x: xMid(i), y: height - M.b + 16, 'text-anchor': 'middle', class: 'axis' }, String(it.iteration))
      : null)),
    s('text', { x: M.l + plotW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'pre-copy round'),
  ];

  // Chart 1: pages (left) and λ (right).
  const maxPages = Math.max(...iterations.map((it) => it.pages || 0), 1);
  const pageTicks = ticks(maxPages);
  const pageTop = pageTicks[pageTicks.length - 1];
  const lambdas = iterations.map((it) => it.lambda).filter((l) => l !== null && l !== undefined);
  const lambdaTicks = ticks(Math.max(1, ...lambdas));
  const lambdaTop = lambdaTicks[lambdaTicks.length - 1];
  const ph = H1 - M.t - M.b;
  const yPages = (v) => H1 - M.b - (v / pageTop) * ph;
  const yLambda = (v) => H1 - M.b - (v / lambdaTop) * ph;
  // Later rounds are often tiny next to the first: every round with pages keeps at least 2 px,
  // and (up to 24 rounds) its count is written above the bar.
  const bars = iterations.map((it, i) => {
    const height = it.pages > 0 ? Math.max(2, H1 - M.b - yPages(it.pages)) : 0;
    return [s('rect', {
      x: xMid(i) - Math.max(1, band * 0.35), width: Math.max(2, band * 0.7),
      y: H1 - M.b - height, height, class: 'bar-pages',
    }, s('title', {}, `round ${it.iteration}: ${number(it.pages)} pages`)),
    n <= 24 ? s('text', { x: xMid(i), y: H1 - M.b - height - 4, 'text-anchor': 'middle', class: 'bar-label' },
      compact(it.pages || 0)) : null];
  });
  const lambdaPts = iterations.map((it, i) => (it.lambda === null || it.lambda === undefined
    ? null : [xMid(i), yLambda(it.lambda), it]))
    .filter(Boolean);
  const lambdaLine = lambdaPts.length > 1
    ? s('polyline', { points: lambdaPts.map(([x, y]) => `${x},${y}`).join(' '), class: 'line-lambda' }) : null;
  const lambdaDots = lambdaPts.map(([x, y, it]) => s('circle', { cx: x, cy: y, r: 3.5, class: 'dot-lambda' },
    s('title', {}, `round ${it.iteration}: λ = ${number(it.lambda, 3)}`)));
  const chart1 = frame('chart-pages', 'Pages sent per pre-copy round, with λ',
    `${n} rounds; most pages in one round: ${number(maxPages)}.`, H1, [
      pageTicks.map((v) => [
        s('line', { x1: M.l, x2: W - M.r, y1: yPages(v), y2: yPages(v), class: 'grid' }),
        s('text', { x: M.l - 6, y: yPages(v) + 4, 'text-anchor': 'end', class: 'axis' }, compact(v))]),
      lambdaTicks.map((v) => s('text', { x: W - M.r + 6, y: yLambda(v) + 4, class: 'axis axis-lambda' }, number(v, 2))),
      s('text', { x: 14, y: M.t + ph / 2, class: 'axis-title', transform: `rotate(-90 14 ${M.t + ph / 2})`,
        'text-anchor': 'middle' }, 'pages'),
      s('text', { x: W - 10, y: M.t + ph / 2, class: 'axis-title', transform: `rotate(90 ${W - 10} ${M.t + ph / 2})`,
        'text-anchor': 'middle' }, 'λ (dirtied ÷ sent)'),
      bars, lambdaLine, lambdaDots, xAxis(H1)]);

  // Chart 2: throttle % (left, 0..100) and downtime limit ms (right).
  const ph2 = H2 - M.t - M.b;
  const yThrottle = (v) => H2 - M.b - (v / 100) * ph2;
  const dlTicks = ticks(Math.max(1, ...iterations.map((it) => it.downtimeLimitMs || 0)));
  const dlTop = dlTicks[dlTicks.length - 1];
  const yDl = (v) => H2 - M.b - (v / dlTop) * ph2;
  const step = (yOf, field) => iterations.map((it, i) => {
    const x0 = M.l + band * i;
    const y = yOf(it[field] || 0);
    return `${x0},${y} ${x0 + band},${y}`;
  }).join(' ');
  const chart2 = frame('chart-limits', 'Auto-converge throttle and downtime limit per pre-copy round',
    `Throttle up to ${Math.max(...iterations.map((it) => it.throttlePercent || 0))} %; downtime limit up to ${number(Math.max(...iterations.map((it) => it.downtimeLimitMs || 0)))} ms.`,
    H2, [
      [0, 25, 50, 75, 100].map((v) => [
        s('line', { x1: M.l, x2: W - M.r, y1: yThrottle(v), y2: yThrottle(v), class: 'grid' }),
        s('text', { x: M.l - 6, y: yThrottle(v) + 4, 'text-anchor': 'end', class: 'axis' }, `${v} %`)]),
      dlTicks.map((v) => s('text', { x: W - M.r + 6, y: yDl(v) + 4, class: 'axis axis-downtime' }, compact(v))),
      s('text', { x: 14, y: M.t + ph2 / 2, class: 'axis-title', transform: `rotate(-90 14 ${M.t + ph2 / 2})`,
        'text-anchor': 'middle' }, 'throttle'),
      s('text', { x: W - 10, y: M.t + ph2 / 2, class: 'axis-title', transform: `rotate(90 ${W - 10} ${M.t + ph2 / 2})`,
        'text-anchor': 'middle' }, 'downtime limit (ms)'),
      s('polyline', { points: step(yThrottle, 'throttlePercent'), class: 'line-throttle' }),
      s('polyline', { points: step(yDl, 'downtimeLimitMs'), class: 'line-downtime' }),
      xAxis(H2)]);

  return h('div', { class: 'charts' },
    h('figure', {}, chart1, legend([['swatch-pages', 'pages sent in the round'], ['swatch-lambda', 'λ = pages dirtied ÷ pages sent (right axis)']])),
    h('figure', {}, chart2, legend([['swatch-throttle', 'CPU throttle (auto-converge)'], ['swatch-downtime', 'downtime limit, ms (right axis)']])));
}

/** Load index per host before and after a plan, as grouped bars on a log scale. */
export function beforeAfterChart(hosts, threshold = 4) {
  if (!hosts || hosts.length === 0) {
    return h('p', { class: 'muted' }, 'The plan reports no host loads.');
  }
  const H = 280;
  const plotW = W - M.l - 20;
  const band = plotW / hosts.length;
  const top = Math.max(32, ...hosts.flatMap((x) => [x.loadBefore || 1, x.loadAfter || 1]));
  const logTop = Math.log2(top);
  const ph = H - M.t - M.b;
  const y = (v) => H - M.b - (Math.log2(Math.max(1, v || 1)) / logTop) * ph;
  const tickValues = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].filter((v) => v <= top);
  const barW = Math.max(3, Math.min(28, band * 0.36));
  const labelEvery = Math.ceil(hosts.length / 24);
  const groups = hosts.map((x, i) => {
    const mid = M.l + band * i + band / 2;
    return [
      s('rect', { x: mid - barW, width: barW, y: y(x.loadBefore), height: H - M.b - y(x.loadBefore), class: 'bar-before' },
        s('title', {}, `${x.host}: before ${number(x.loadBefore, 2)}`)),
      s('rect', { x: mid, width: barW, y: y(x.loadAfter), height: H - M.b - y(x.loadAfter), class: 'bar-after' },
        s('title', {}, `${x.host}: after ${number(x.loadAfter, 2)}`)),
      i % labelEvery === 0 ? s('text', { x: mid, y: H - M.b + 16, 'text-anchor': 'middle', class: 'axis' }, x.host) : null,
    ];
  });
  const svg = frame('chart-loads', 'Load index per host before and after the plan',
    `${hosts.length} hosts; log scale; the dashed line is the overload threshold, load index ${threshold}.`, H, [
      tickValues.map((v) => [
        s('line', { x1: M.l, x2: W - 20, y1: y(v), y2: y(v), class: 'grid' }),
        s('text', { x: M.l - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v))]),
      s('line', { x1: M.l, x2: W - 20, y1: y(threshold), y2: y(threshold), class: 'threshold' }),
      s('text', { x: 14, y: M.t + ph / 2, class: 'axis-title', transform: `rotate(-90 14 ${M.t + ph / 2})`,
        'text-anchor': 'middle' }, 'load index (log)'),
      s('line', { x1: M.l, x2: W - 20, y1: H - M.b, y2: H - M.b, class: 'axis-line' }),
      groups]);
  return h('figure', {}, svg, legend([['swatch-before', 'before'], ['swatch-after', 'after'],
    ['swatch-threshold', `overload threshold (${number(threshold, 1)})`]]));
}

/** t1 (preparation) / t2 (downtime) / t3 (resume) as one stacked horizontal bar. */
export function phasesBar(metrics) {
  const parts = [['t1', 'preparation', metrics.t1PreparationMs], ['t2', 'downtime', metrics.t2DowntimeMs],
    ['t3', 'resume', metrics.t3ResumeMs]];
  const total = parts.reduce((sum, [, , v]) => sum + (v || 0), 0);
  if (!total) {
    return null;
  }
  return h('div', { class: 'phases', role: 'img',
    'aria-label': parts.map(([k, label, v]) => `${k} ${label} ${v || 0} ms`).join(', ') },
  parts.map(([k, label, v]) => (v ? h('div', { class: `phase phase-${k}`, style: `flex-grow:${Math.max(v / total, 0.02)}`,
    title: `${k} ${label}: ${v} ms` }, `${k}`) : null)));
}
