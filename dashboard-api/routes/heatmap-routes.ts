/** `GET /api/heatmap`: one skill's counts per region over the last N hours. */
import type { AppContext, DashboardApp } from '../app-context.ts';
import { lastHours } from '../queries/hour-range.ts';
import { regionHeatmap } from '../queries/region-heatmap.ts';
import { queryNowMs } from './query-time.ts';
import { redisRead } from './redis-read.ts';
import { ErrorReply, HeatmapQuery, HeatmapReply } from './schemas.ts';

export function registerHeatmapRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/heatmap',
    {
      schema: {
        summary: 'Counts of one skill per region over the last N hours',
        tags: ['trends'],
        querystring: HeatmapQuery,
        response: { 200: HeatmapReply, 400: ErrorReply, 503: ErrorReply },
      },
    },
    async (request) => {
      const { skill, hours, at } = request.query;
      const range = lastHours(queryNowMs(at, context.clock), hours);
      const regions = await redisRead(() => regionHeatmap(context.redis, skill, range));
      return { skill, hours: range.labels, total: regions.reduce((sum, entry) => sum + entry.count, 0), regions };
    },
  );
}
