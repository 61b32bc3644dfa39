// The region heatmap: a world map (d3-geo over the server's GeoJSON, countries tagged with the
// pipeline's region ids), `remote` and `unknown` as separate tiles, and a table of the top regions.
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { formatCount, regionName } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const EMPTY = '#1d2b38';
// Dark → teal → gold; a square-root scale so one dominant region does not wash out the rest.
const STOPS = [[0x1d, 0x2b, 0x38], [0x14, 0x5c, 0x56], [0x3f, 0xb6, 0xa8], [0xf2, 0xcc, 0x60]];

function colour(count, max) {
  if (!count || !max) return EMPTY;
  const t = Math.sqrt(count / max) * (STOPS.length - 1);
  const index = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - index;
  const [a, b] = [STOPS[index], STOPS[index + 1]];
  return `rgb(${a.map((value, channel) => Math.round(value + (b[channel] - value) * f)).join(',')})`;
}

export async function createWorldHeatmap({ mapContainer, specialContainer, tableBody }) {
  const world = await (await fetch('/geo/world.json')).json();
  // No job market in Antarctica: leaving it out gives the inhabited world the space.
  world.features = world.features.filter((country) => country.properties.name !== 'Antarctica');
  const width = 960;
  const height = 440;
  const projection = geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], world);
  const path = geoPath(projection);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  svg.setAttribute('role', 'img');
  const shapes = [];
  for (const country of world.features) {
    const shape = document.createElementNS(SVG, 'path');
    shape.setAttribute('d', path(country));
    shape.setAttribute('fill', EMPTY);
    if (country.properties.region) shape.dataset.region = country.properties.region;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = country.properties.name;
    shape.append(title);
    svg.append(shape);
    shapes.push({ shape, title, name: country.properties.name, region: country.properties.region });
  }
  mapContainer.replaceChildren(svg);

  return {
    update(data) {
      const counts = new Map(data.regions.map((entry) => [entry.region, entry.count]));
      const max = Math.max(0, ...data.regions.filter((entry) => entry.region !== 'remote' && entry.region !== 'unknown').map((entry) => entry.count));
      for (const { shape, title, name, region } of shapes) {
        const count = counts.get(region) ?? 0;
        shape.setAttribute('fill', colour(count, max));
        shape.dataset.count = String(count);
        title.textContent = `${name}: ${formatCount(count)}`;
      }
      specialContainer.replaceChildren(
        ...['remote', 'unknown'].map((region) => {
          const tile = document.createElement('div');
          tile.dataset.region = region;
          tile.dataset.count = String(counts.get(region) ?? 0);
          tile.innerHTML = '<span></span><strong></strong>';
          tile.querySelector('span').textContent = regionName(region);
          tile.querySelector('strong').textContent = formatCount(counts.get(region) ?? 0);
          return tile;
        }),
      );
      const top = data.regions.filter((entry) => entry.count > 0 && entry.region !== 'remote' && entry.region !== 'unknown').slice(0, 6);
      tableBody.replaceChildren(
        ...top.map((entry) => {
          const row = document.createElement('tr');
          row.dataset.region = entry.region;
          row.dataset.count = String(entry.count);
          row.innerHTML = '<td></td><td></td>';
          row.cells[0].textContent = regionName(entry.region);
          row.cells[1].textContent = formatCount(entry.count);
          return row;
        }),
      );
    },
  };
}
