/** `GET /api/trends/top`: the top skills over the last N hours, overall or in one region, with hourly series. */
import type { AppContext, DashboardApp } from '../app-context.ts';
import { lastHours } from '../queries/hour-range.ts';
import { topSkills } from '../queries/top-skills.ts';
import { queryNowMs } from './query-time.ts';
import { redisRead } from './redis-read.ts';
import { ErrorReply, TopQuery, TopReply } from './schemas.ts';

export function registerTrendsRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/trends/top',
    {
      schema: {
        summary: 'Top skills over the last N hours with hourly series',
        tags: ['trends'],
        querystring: TopQuery,
        response: { 200: TopReply, 400: ErrorReply, 503: ErrorReply },
      },
    },
    async (request) => {
      const { hours, region, limit, at } = request.query;
      const range = lastHours(queryNowMs(at, context.clock), hours);
      const skills = await redisRead(() => topSkills(context.redis, range, region, limit));
      return { region: region ?? 'all', hours: range.labels, hourStartsMs: range.startsMs, skills };
    },
  );
}
