// Stacked bar charts drawn as SVG by hand: a few dozen bars do not need a charting library, and
// the page must work with no network beyond the gateway.

const svgNamespace = 'http://www.w3.org/2000/svg';
export const palette = ['#2563eb', '#f97316', '#16a34a', '#dc2626', '#9333ea', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

function element(name, attributes, text) {
  const node = document.createElementNS(svgNamespace, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * `buckets`: [{ label, values: Map(group -> number) }]; `groups`: the stacking order (colour by
 * index). The svg carries data-total (the sum of every bar) so what is drawn can be checked.
 */
export function stackedBars(container, { buckets, groups, format = String, total }) {
  const width = 480;
  const height = 200;
  const left = 56;
  const bottom = 22;
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  const sums = buckets.map((bucket) => [...bucket.values.values()].reduce((sum, value) => sum + value, 0));
  const max = Math.max(0, ...sums);
  svg.setAttribute('data-total', String(total ?? sums.reduce((sum, value) => sum + value, 0)));
  svg.setAttribute('data-bars', String(sums.filter((sum) => sum > 0).length));
  const plotHeight = height - bottom - 8;
  const step = (width - left) / Math.max(1, buckets.length);
  svg.append(element('line', { x1: left, y1: 8 + plotHeight, x2: width, y2: 8 + plotHeight, class: 'axis' }));
  for (const fraction of [0, 0.5, 1]) {
    const y = 8 + plotHeight - fraction * plotHeight;
    svg.append(element('text', { x: left - 4, y: y + 4, 'text-anchor': 'end', class: 'tick' }, format(max * fraction)));
    if (fraction > 0) svg.append(element('line', { x1: left, y1: y, x2: width, y2: y, class: 'grid' }));
  }
  buckets.forEach((bucket, index) => {
    let y = 8 + plotHeight;
    groups.forEach((group, groupIndex) => {
      const value = bucket.values.get(group) ?? 0;
      if (value <= 0 || max === 0) return;
      const barHeight = (value / max) * plotHeight;
      y -= barHeight;
      const bar = element('rect', {
        x: left + index * step + 1,
        y,
        width: Math.max(1, step - 2),
        height: barHeight,
        fill: palette[groupIndex % palette.length],
      });
      bar.append(element('title', {}, `${bucket.label} · ${group}: ${format(value)}`));
      svg.append(bar);
    });
    const labelEvery = Math.ceil(buckets.length / 6);
    if (index % labelEvery === 0)
      svg.append(element('text', { x: left + index * step + step / 2, y: height - 6, 'text-anchor': 'middle', class: 'tick' }, bucket.label));
  });
  container.replaceChildren(svg);
}
