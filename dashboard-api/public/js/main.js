// "The Pulse": wires the panels to the API and the live stream. Live counts mark the panels they
// touch as stale; a short coalescing delay then refetches those panels, so a burst of updates
// costs one request per panel and a new count shows within about a second.
import { api } from './api.js';
import { formatCount, formatHourLabel, regionName } from './format.js';
import { createHealthPanel } from './health-panel.js';
import { connectLiveUpdates } from './live-updates.js';
import { createTrendChart } from './trend-chart.js';
import { createWorldHeatmap } from './world-heatmap.js';

const REFRESH_DELAY_MS = 150;
const HEALTH_POLL_MS = 2000;
// Hours roll over even when nothing arrives.
const TRENDS_POLL_MS = 60_000;
const FEED_LENGTH = 12;

const $ = (id) => document.getElementById(id);
const state = { region: '', skill: '', skills: new Set(), regions: new Set(), hours: new Set() };

const chart = createTrendChart($('trend-chart'), $('trend-legend'));
const health = createHealthPanel($('health-title').closest('section'));
let heatmap;

function showError(error) {
  const banner = $('error-banner');
  banner.hidden = error === undefined;
  if (error !== undefined) banner.textContent = error.message;
}

async function refreshTrends() {
  const data = await api.top(state.region || undefined);
  state.hours = new Set(data.hours);
  chart.update(data);
  $('chart-scope').textContent = state.region ? regionName(state.region) : 'all regions';
  if (!state.skill && data.skills.length > 0) selectSkill(data.skills[0].skill);
}

async function refreshHeatmap() {
  if (!state.skill || heatmap === undefined) return;
  const data = await api.heatmap(state.skill);
  $('map-skill').textContent = data.skill;
  $('map-total').textContent = `${formatCount(data.total)} postings`;
  $('map-total').dataset.total = String(data.total);
  heatmap.update(data);
}

async function refreshHealth() {
  try {
    health.update(await api.health());
  } catch (error) {
    health.unreachable(error.message);
  }
}

async function refreshCatalog() {
  const catalog = await api.catalog();
  state.skills = new Set(catalog.skills);
  $('skill-options').replaceChildren(...catalog.skills.map((skill) => Object.assign(document.createElement('option'), { value: skill })));
  const select = $('region-filter');
  const known = new Set([...select.options].map((option) => option.value));
  for (const region of catalog.regions) {
    if (known.has(region)) continue;
    select.append(Object.assign(document.createElement('option'), { value: region, textContent: regionName(region) }));
  }
  state.regions = new Set(catalog.regions);
}

function selectSkill(skill) {
  state.skill = skill;
  $('skill-picker').value = skill;
  $('map-skill').textContent = skill;
  run(refreshHeatmap);
}

// Coalesced refreshes: each panel at most once per REFRESH_DELAY_MS, never two at once.
const dirty = new Set();
let timer;
let running = false;
function markDirty(...panels) {
  for (const panel of panels) dirty.add(panel);
  if (timer === undefined && !running) timer = setTimeout(flush, REFRESH_DELAY_MS);
}
async function flush() {
  timer = undefined;
  running = true;
  const panels = [...dirty];
  dirty.clear();
  await Promise.all(panels.map((panel) => run(panel)));
  running = false;
  if (dirty.size > 0) timer = setTimeout(flush, REFRESH_DELAY_MS);
}
async function run(task) {
  try {
    await task();
    showError(undefined);
  } catch (error) {
    showError(error);
  }
}

function addToFeed(updates) {
  const feed = $('update-feed');
  $('feed-empty').hidden = true;
  for (const update of updates.slice(-FEED_LENGTH)) {
    const item = document.createElement('li');
    item.className = 'fresh';
    Object.assign(item.dataset, { skill: update.skill, region: update.region, hour: update.hour, count: String(update.count) });
    item.innerHTML = '<span></span><span></span>';
    item.children[0].textContent = `${update.skill} · ${regionName(update.region)} · ${formatHourLabel(update.hour)}`;
    item.children[1].textContent = formatCount(update.count);
    feed.prepend(item);
  }
  while (feed.children.length > FEED_LENGTH) feed.lastElementChild.remove();
}

function onCounts(updates) {
  addToFeed(updates);
  const inChart = updates.some((update) => state.hours.has(update.hour) && (!state.region || update.region === state.region));
  const inMap = updates.some((update) => update.skill === state.skill && state.hours.has(update.hour));
  const news = updates.some((update) => !state.skills.has(update.skill) || !state.regions.has(update.region));
  const panels = [];
  if (inChart) panels.push(refreshTrends);
  if (inMap) panels.push(refreshHeatmap);
  if (news) panels.push(refreshCatalog);
  if (panels.length > 0) markDirty(...panels);
}

$('region-filter').addEventListener('change', (event) => {
  state.region = event.target.value;
  run(refreshTrends);
});
$('skill-picker').addEventListener('change', (event) => {
  const skill = event.target.value.trim().toLowerCase();
  if (skill && skill !== state.skill) selectSkill(skill);
});
$('controls').addEventListener('submit', (event) => event.preventDefault());

async function start() {
  connectLiveUpdates({ onCounts, dot: $('live-dot') });
  await Promise.all([run(refreshCatalog), run(refreshHealth)]);
  heatmap = await createWorldHeatmap({ mapContainer: $('world-map'), specialContainer: $('special-regions'), tableBody: $('region-rows') });
  await run(refreshTrends);
  await run(refreshHeatmap);
  setInterval(refreshHealth, HEALTH_POLL_MS);
  setInterval(() => run(refreshTrends), TRENDS_POLL_MS);
  document.body.dataset.ready = 'true';
}

start();
