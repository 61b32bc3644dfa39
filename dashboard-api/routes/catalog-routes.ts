/** `GET /api/catalog`: the skills and regions ever counted (for the page's pickers). */
import { REGIONS_KEY, SKILLS_KEY } from '../../sinks/redis/hot-keys.ts';
import type { AppContext, DashboardApp } from '../app-context.ts';
import { redisRead } from './redis-read.ts';
import { CatalogReply, ErrorReply } from './schemas.ts';

export function registerCatalogRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/catalog',
    { schema: { summary: 'Known skills and regions', tags: ['trends'], response: { 200: CatalogReply, 503: ErrorReply } } },
    async () => {
      const [skills, regions] = await redisRead(() => Promise.all([context.redis.smembers(SKILLS_KEY), context.redis.smembers(REGIONS_KEY)]));
      return { skills: skills.sort(), regions: regions.sort() };
    },
  );
}
