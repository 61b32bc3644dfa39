// Number, time and duration formats shared by the panels.
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export const formatCount = (value) => (value === null || value === undefined ? '–' : integer.format(value));
export const formatRate = (value) => (value === null || value === undefined ? '–' : `${decimal.format(value)} ev/s`);

/** "2024-03-15-10" → "15 Mar 10:00" (UTC, as the hour labels are). */
export function formatHourLabel(label) {
  const [year, month, day, hour] = label.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour));
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })} ${String(hour).padStart(2, '0')}:00`;
}

export function formatUtc(ms) {
  if (ms === null || ms === undefined) return '–';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  const seconds = Math.round(Math.abs(ms) / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.round(hours / 24)} d`;
}

const REGION_NAMES = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : undefined;

/** "uk" → "United Kingdom", "de" → "Germany"; remote and unknown stay words. */
export function regionName(region) {
  if (region === 'remote') return 'Remote';
  if (region === 'unknown') return 'Unknown';
  const code = region === 'uk' ? 'GB' : region.toUpperCase();
  try {
    return (code.length === 2 && REGION_NAMES?.of(code)) || region;
  } catch {
    return region;
  }
}
