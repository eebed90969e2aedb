/** One figure per row of a bench's table: a panel draws one bar per row for its figure. */
export interface ChartPanel {
  title: string;
  unit: string;
  values: number[];
}

const WIDTH = 960;
const LABEL_WIDTH = 430;
const BAR_HEIGHT = 20;
const ROW_GAP = 8;
const PANEL_GAP = 36;
const BAR_SPACE = WIDTH - LABEL_WIDTH - 120;
const COLOURS = ['#1f6f8b', '#b5542f'];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const figure = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(1));

/**
 * A horizontal bar chart as SVG text, one panel per figure, the same rows in each (e.g.
 * bookings/s and p99 per configuration), each bar labelled with its value. Self-contained:
 * no script, no external font or style, so it renders where the Markdown beside it renders.
 */
export function barChartSvg(title: string, rows: string[], panels: ChartPanel[]): string {
  const panelHeight = 28 + rows.length * (BAR_HEIGHT + ROW_GAP);
  const height = 48 + panels.length * (panelHeight + PANEL_GAP);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  panels.forEach((panel, p) => {
    const top = 48 + p * (panelHeight + PANEL_GAP);
    const max = Math.max(...panel.values.filter(Number.isFinite), 0) || 1;
    parts.push(`<text x="16" y="${top + 14}" font-weight="bold">${escapeXml(`${panel.title} (${panel.unit})`)}</text>`);
    rows.forEach((row, r) => {
      const y = top + 28 + r * (BAR_HEIGHT + ROW_GAP);
      const value = panel.values[r] ?? 0;
      const length = Math.max(1, (value / max) * BAR_SPACE);
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${length.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOURS[p % COLOURS.length]}"/>`,
        `<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + 15}">${figure(value)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
