// The dashboard API as the page uses it; every call rejects with the server's message on failure.
async function getJson(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const url = query.size > 0 ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `${url}: HTTP ${response.status}`);
  return body;
}

export const api = {
  top: (region) => getJson('/api/trends/top', { hours: 24, limit: 5, region }),
  heatmap: (skill) => getJson('/api/heatmap', { skill, hours: 24 }),
  health: () => getJson('/api/health'),
  catalog: () => getJson('/api/catalog'),
};
