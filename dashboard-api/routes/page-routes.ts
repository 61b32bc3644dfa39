/**
 * The page and everything it loads, all from this server (the page works offline): public/ as
 * static files, a fixed list of vendor files straight from node_modules (no bundler, no copy),
 * and the world map as GeoJSON.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { REPO_ROOT } from '../../core/config.ts';
import type { DashboardApp } from '../app-context.ts';
import { worldRegionsGeoJson } from '../geo/world-regions.ts';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');
const MODULES = path.join(REPO_ROOT, 'node_modules');

/** URL name → file in node_modules. A fixed list: nothing else under node_modules is reachable. */
const VENDOR_FILES: Record<string, string> = {
  'uPlot.esm.js': 'uplot/dist/uPlot.esm.js',
  'uPlot.min.css': 'uplot/dist/uPlot.min.css',
  'd3-array.mjs': 'd3-array/dist/d3-array.min.mjs',
  'd3-geo.mjs': 'd3-geo/dist/d3-geo.min.mjs',
};

export async function registerPageRoutes(app: DashboardApp): Promise<void> {
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/', index: ['index.html'], schemaHide: true });

  app.get('/vendor/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const relative = VENDOR_FILES[file];
    if (relative === undefined) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no vendor file ${file}` });
    const absolute = path.join(MODULES, relative);
    return reply.sendFile(path.basename(absolute), path.dirname(absolute));
  });

  app.get('/geo/world.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('application/json').header('cache-control', 'public, max-age=86400');
    return worldRegionsGeoJson();
  });
}
