/** Pure maths of 1-hour tumbling event-time windows aligned to UTC hours. */
export const WINDOW_SIZE_MS = 3_600_000;

/** Start of the window that holds `eventTimeMs`. */
export function windowStart(eventTimeMs: number): number {
  return Math.floor(eventTimeMs / WINDOW_SIZE_MS) * WINDOW_SIZE_MS;
}

export function windowEnd(eventTimeMs: number): number {
  return windowStart(eventTimeMs) + WINDOW_SIZE_MS;
}

/** A window is final once the watermark has reached its end. */
export function isWindowFinal(windowStartMs: number, watermarkMs: number): boolean {
  return windowStartMs + WINDOW_SIZE_MS <= watermarkMs;
}

/** `YYYY-MM-DD-HH` of the window's UTC start, as used in the Redis keys. */
export function hourLabel(windowStartMs: number): string {
  const iso = new Date(windowStartMs).toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 13)}`;
}

/** Inverse of hourLabel; undefined for anything that is not a valid label. */
export function parseHourLabel(label: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})$/.exec(label);
  if (match === null) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]));
  return hourLabel(ms) === label ? ms : undefined;
}
