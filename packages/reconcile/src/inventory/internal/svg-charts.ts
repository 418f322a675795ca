// Tests: ../render-inventory.test.ts

import { escapeHtml } from './escape-html.js';

const palette = ['#2f6fb0', '#4aa37a', '#d08c2f', '#a3508f', '#5f6b7a', '#c2453d', '#3c9fb5', '#8a7a2f'];

/**
 * A small horizontal bar chart as inline SVG (no script, no network): one bar per entry, labelled with its name
 * and value, scaled to the largest value.
 */
export function barChart(title: string, entries: readonly { label: string; value: number }[]): string {
  const width = 420;
  const labelWidth = 150;
  const barHeight = 18;
  const gap = 6;
  const height = 24 + entries.length * (barHeight + gap);
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const bars = entries
    .map((entry, index) => {
      const y = 24 + index * (barHeight + gap);
      const length = Math.round(((width - labelWidth - 50) * entry.value) / max);
      const colour = palette[index % palette.length];
      return (
        `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escapeHtml(truncate(entry.label, 22))}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${Math.max(length, 1)}" height="${barHeight}" fill="${colour}"><title>${escapeHtml(entry.label)}: ${entry.value}</title></rect>` +
        `<text x="${labelWidth + Math.max(length, 1) + 4}" y="${y + 13}">${entry.value}</text>`
      );
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" class="chart-title">${escapeHtml(title)}</text>${bars}</svg>`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
