// The live line chart of the top skills (uPlot), with a legend that carries each skill's total.
import uPlot from 'uplot';
import { formatCount, formatHourLabel } from './format.js';

const COLOURS = ['#3fb6a8', '#f2cc60', '#e07a5f', '#81a1ff', '#c678dd', '#98c379', '#56b6c2', '#d19a66'];

function chartSize(container) {
  return { width: Math.max(300, container.clientWidth), height: Math.max(160, container.clientHeight) };
}

export function createTrendChart(container, legend) {
  let plot;
  let skillsKey = '';
  let labels = [];

  function build(data) {
    plot?.destroy();
    labels = data.hours;
    const axis = { stroke: '#8b9bab', grid: { stroke: '#263443', width: 1 }, ticks: { stroke: '#263443' } };
    plot = new uPlot(
      {
        ...chartSize(container),
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { ...axis, space: 60, values: (_u, ticks) => ticks.map((tick) => hourTick(tick)) },
          { ...axis, values: (_u, ticks) => ticks.map((tick) => formatCount(tick)) },
        ],
        cursor: { points: { size: 6 } },
        legend: { show: false },
        series: [{}, ...data.skills.map((entry, index) => ({ label: entry.skill, stroke: COLOURS[index % COLOURS.length], width: 2, points: { show: false } }))],
      },
      toUplot(data),
      container,
    );
  }

  function renderLegend(data) {
    legend.replaceChildren(
      ...data.skills.map((entry, index) => {
        const item = document.createElement('li');
        item.dataset.skill = entry.skill;
        item.dataset.total = String(entry.total);
        item.innerHTML = `<span class="swatch"></span><span class="name"></span><span class="total"></span>`;
        item.querySelector('.swatch').style.background = COLOURS[index % COLOURS.length];
        item.querySelector('.name').textContent = entry.skill;
        item.querySelector('.total').textContent = formatCount(entry.total);
        return item;
      }),
    );
    if (data.skills.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = 'No postings counted in the last 24 hours yet.';
      legend.append(empty);
    }
  }

  window.addEventListener('resize', () => plot?.setSize(chartSize(container)));

  return {
    update(data) {
      const key = data.skills.map((entry) => entry.skill).join('\u0000') + `|${data.hours[0]}`;
      // uPlot's series are fixed at creation: rebuild when the top 5 (or the hours) change.
      if (plot === undefined || key !== skillsKey) {
        skillsKey = key;
        build(data);
      } else {
        plot.setData(toUplot(data));
      }
      renderLegend(data);
    },
    /** The hours on the x axis, oldest first. */
    hours: () => labels,
  };
}

function toUplot(data) {
  return [data.hourStartsMs.map((ms) => ms / 1000), ...data.skills.map((entry) => entry.series)];
}

/** "10:00", or the date at midnight so the axis shows where days change (UTC). */
function hourTick(seconds) {
  const label = hourLabelOf(seconds);
  return label.endsWith('-00') ? formatHourLabel(label).replace(' 00:00', '') : `${label.slice(11)}:00`;
}

function hourLabelOf(seconds) {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}`;
}
