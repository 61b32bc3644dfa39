/** `GET /api/history`: daily counts from the cold store (DuckDB over Parquet), for periods past the Redis TTL. */
import type { AppContext, DashboardApp } from '../app-context.ts';
import type { DailyCount } from '../history-source.ts';
import { httpError } from '../http/error-reply.ts';
import { ErrorReply, HistoryQuery, HistoryReply } from './schemas.ts';

/** A year of days: a longer answer would be slow to compute and unreadable on one chart. */
export const MAX_HISTORY_DAYS = 366;

/** One entry per day of the period, zero where the cold store has no postings (it lists only days with some). */
function everyDay(from: string, to: string, counts: readonly DailyCount[]): DailyCount[] {
  const byDate = new Map(counts.map((entry) => [entry.date, entry.count]));
  const days: DailyCount[] = [];
  for (let ms = Date.parse(from); ms <= Date.parse(to); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    days.push({ date, count: byDate.get(date) ?? 0 });
  }
  return days;
}

export function registerHistoryRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/history',
    {
      schema: {
        summary: 'Daily counts of a skill from the cold store',
        tags: ['history'],
        querystring: HistoryQuery,
        response: { 200: HistoryReply, 400: ErrorReply, 503: ErrorReply },
      },
    },
    async (request, reply) => {
      const { skill, from, to, region } = request.query;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (days < 1) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `query parameter "to" (${to}) is before "from" (${from})`, parameter: 'to' });
      if (days > MAX_HISTORY_DAYS) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `the period ${from}..${to} is ${days} days; at most ${MAX_HISTORY_DAYS}`, parameter: 'to' });
      }
      if (context.history === undefined) throw httpError(503, 'cold store not configured');
      const history = context.history;
      let counts;
      try {
        counts = await history.dailyCounts(skill, from, to, region);
      } catch (error) {
        request.log.error({ err: error }, 'cold store query failed');
        throw httpError(503, `cold store query failed: ${(error as Error).message}`, error);
      }
      return { skill, region: region ?? 'all', from, to, days: everyDay(from, to, counts) };
    },
  );
}
