/**
 * The chart `/breach stats` attaches in Slack and Discord: incidents per year and the top data
 * classes, side by side, drawn server-side to a PNG with Chart.js on @napi-rs/canvas (Skia,
 * shipped as prebuilt binaries inside npm packages: nothing to install on the machine). Text is
 * drawn with Inter (a TTF shipped in @expo-google-fonts/inter), so a machine without system fonts
 * still gets its labels. The PNG is 1200 × 600, about 40–60 kB: far under Slack's and Discord's
 * upload limits (`CHART_MAX_BYTES`, checked). Pure apart from the drawing: the same stats give the
 * same picture, and the alt text carries the same numbers in words.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Title, type ChartConfiguration } from 'chart.js';
import type { Stats } from '../core/answer.js';
import { chartData, type ChartData } from './stats-chart-data.js';
import type { Lang } from '../core/lang.js';
import { plainNumber } from '../core/locale-format.js';

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;
/** Discord's smallest upload limit (10 MB for a bot without boosts) is the tighter of the two platforms'. */
export const CHART_MAX_BYTES = 10 * 1024 * 1024;

export interface StatsChart extends ChartData {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  /** What the chart shows, with its numbers, for screen readers (Slack alt_text, Discord description). */
  readonly alt: string;
  readonly filename: string;
}

let ready = false;
const FONT = 'Inter';

function setUp(): void {
  if (ready) return;
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Title);
  const require = createRequire(import.meta.url);
  const fonts = dirname(require.resolve('@expo-google-fonts/inter/package.json'));
  GlobalFonts.registerFromPath(join(fonts, '400Regular', 'Inter_400Regular.ttf'), FONT);
  GlobalFonts.registerFromPath(join(fonts, '600SemiBold', 'Inter_600SemiBold.ttf'), FONT);
  Chart.defaults.font.family = FONT;
  Chart.defaults.color = '#1f2933';
  ready = true;
}

const WORDS = {
  en: { years: 'Incidents per year', classes: 'Most common data types', title: 'Data breaches', incidents: 'incidents', alt: 'Bar charts' },
  fr: { years: 'Incidents par année', classes: 'Types de données les plus fréquents', title: 'Fuites de données', incidents: 'incidents', alt: 'Graphiques en barres' },
} as const;

const fmt = (n: number, lang: Lang) => plainNumber(n, lang, 3).replace(/\u202f/g, ' ');

/** Draws one chart onto `target` at (x, y). */
function drawPanel(target: Canvas, x: number, y: number, config: ChartConfiguration<'bar'>, width: number, height: number): void {
  const canvas = createCanvas(width, height);
  // Chart.js draws through the canvas's 2D context (its basic platform outside a browser), at once without animation.
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], config);
  target.getContext('2d').drawImage(canvas, x, y);
  chart.destroy();
}

function barConfig(labels: string[], data: number[], title: string, horizontal: boolean): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: { labels, datasets: [{ data, backgroundColor: horizontal ? '#d9480f' : '#1c7ed6', borderWidth: 0 }] },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      indexAxis: horizontal ? 'y' : 'x',
      plugins: { title: { display: true, text: title, font: { size: 18, weight: 600 } }, legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: { beginAtZero: true, ticks: { font: { size: 13 }, precision: 0 } },
        y: { beginAtZero: true, ticks: { font: { size: 13 }, precision: 0 } },
      },
    },
  };
}

/** The alt text: what is drawn, with every number. */
function altText(stats: Stats, data: ChartData, query: string | undefined, lang: Lang): string {
  const w = WORDS[lang];
  const colon = lang === 'fr' ? ' : ' : ': ';
  const scope = `${w.title}${query ? ` (${query})` : ''}, ${fmt(stats.total, lang)} ${w.incidents}`;
  const years = data.years.map((y) => `${y.year} ${fmt(y.count, lang)}`).join(', ');
  const classes = data.classes.map((c) => `${c.label} ${fmt(c.count, lang)}`).join(', ');
  return `${w.alt}. ${scope}. ${w.years}${colon}${years || '—'}. ${w.classes}${colon}${classes || '—'}.`;
}

/** Draws the chart of `stats` (of the filters `query`, if any) in `lang`. */
export function renderStatsChart(stats: Stats, lang: Lang, query?: string): StatsChart {
  setUp();
  const w = WORDS[lang];
  const data = chartData(stats, lang);
  const header = 56;
  const panelWidth = CHART_WIDTH / 2;
  const panelHeight = CHART_HEIGHT - header;
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  ctx.fillStyle = '#1f2933';
  ctx.font = `600 22px ${FONT}`;
  ctx.fillText(`${w.title}${query ? ` — ${query}` : ''} · ${fmt(stats.total, lang)} ${w.incidents}`, 24, 36);
  drawPanel(canvas, 0, header, barConfig(data.years.map((y) => String(y.year)), data.years.map((y) => y.count), w.years, false), panelWidth, panelHeight);
  const short = (label: string) => (label.length > 28 ? `${label.slice(0, 27)}…` : label);
  drawPanel(canvas, panelWidth, header, barConfig(data.classes.map((c) => short(c.label)), data.classes.map((c) => c.count), w.classes, true), panelWidth, panelHeight);
  const png = canvas.toBuffer('image/png');
  if (png.length > CHART_MAX_BYTES) throw new Error(`breachbot chart: ${png.length} bytes, over the ${CHART_MAX_BYTES}-byte upload limit`);
  return {
    png,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    alt: altText(stats, data, query, lang),
    filename: `breachbot-stats${query ? `-${query.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}` : ''}.png`,
    ...data,
  };
}
