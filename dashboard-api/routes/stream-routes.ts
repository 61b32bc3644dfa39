/**
 * `GET /api/stream`: Server-Sent Events with the count updates the processors announce.
 * Events: `hello` once ({ clients }), then `counts` ({ updates: [{ skill, region, hour, count }] }),
 * where count is the key's new total. Past the client cap the answer is 429.
 */
import type { AppContext, DashboardApp } from '../app-context.ts';
import { ErrorReply } from './schemas.ts';

export function registerStreamRoutes(app: DashboardApp, context: AppContext): void {
  app.get(
    '/api/stream',
    {
      // 'only': a browser's EventSource sends Accept: text/event-stream, but curl and fetch send */*.
      sse: 'only',
      schema: {
        summary: 'Live count updates (Server-Sent Events: hello, counts)',
        tags: ['live'],
        produces: ['text/event-stream'],
        response: { 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const sse = reply.sse;
      const remove = context.hub.add((updates) => {
        if (!sse.isConnected) return;
        context.metrics.updatesRelayed.inc(updates.length);
        sse.send({ event: 'counts', data: { updates } }).catch((error: Error) => request.log.debug({ err: error.message }, 'SSE send failed'));
      });
      if (remove === undefined) {
        context.metrics.sseRejected.inc();
        return reply.code(429).header('retry-after', '10').send({
          statusCode: 429,
          error: 'Too Many Requests',
          message: `the dashboard already serves ${context.options.maxSseClients} live clients (the cap); try again later`,
        });
      }
      context.metrics.sseClients.set(context.hub.size);
      const cleanUp = () => {
        remove();
        context.metrics.sseClients.set(context.hub.size);
      };
      sse.onClose(cleanUp);
      // A client gone before onClose was registered never triggers it.
      if (!sse.isConnected) cleanUp();
      sse.keepAlive();
      await sse.send({ event: 'hello', data: { clients: context.hub.size } });
    },
  );
}
