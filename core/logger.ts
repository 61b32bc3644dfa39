/** Structured JSON logs (pino) on stderr; level from PULSE_LOG_LEVEL (default info). */
import { pino } from 'pino';

export const logger = pino(
  { level: process.env.PULSE_LOG_LEVEL ?? 'info', base: { pid: process.pid } },
  pino.destination({ dest: 2, sync: false }),
);
