/**
 * Progress of a long run on stderr: a cli-progress bar with rate when stderr is a terminal; a
 * plain line every few seconds otherwise (CI logs, files), since redrawn bars make no sense there.
 */
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  label: string;
  /** Expected records; absent for open-ended runs (live). */
  total?: number;
  /** Default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Seconds between lines when not a terminal. Default 5. */
  lineIntervalSec?: number;
}

export interface ProgressUpdate {
  sent: number;
  bytes: number;
  rejected?: number;
}

export interface Progress {
  update(progress: ProgressUpdate): void;
  stop(): void;
}

const grouped = (value: number) => Math.round(value).toLocaleString('en-US');

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const started = performance.now();
  let latest: ProgressUpdate = { sent: 0, bytes: 0 };
  // Rate over the last few seconds, so the figure reacts to changes (a pause, a slower broker).
  const samples: Array<{ at: number; sent: number; bytes: number }> = [{ at: started, sent: 0, bytes: 0 }];
  const rates = () => {
    const now = performance.now();
    samples.push({ at: now, sent: latest.sent, bytes: latest.bytes });
    while (samples.length > 2 && now - (samples[1] as { at: number }).at > 5_000) samples.shift();
    const first = samples[0] as { at: number; sent: number; bytes: number };
    const seconds = Math.max(0.001, (now - first.at) / 1000);
    return { eventsPerSec: (latest.sent - first.sent) / seconds, mbPerSec: (latest.bytes - first.bytes) / seconds / 1e6 };
  };

  if (stream.isTTY === true) {
    const withTotal = options.total !== undefined && options.total > 0;
    const bar = new cliProgress.SingleBar(
      {
        format: withTotal
          ? `${options.label} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | {mbps} MB/s | ETA {eta_formatted}`
          : `${options.label} {value} events | {rate} ev/s | {mbps} MB/s | {duration_formatted}`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(withTotal ? (options.total as number) : 0, 0, { rate: '0', mbps: '0.0' });
    let lastRateAt = 0;
    let shown = { rate: '0', mbps: '0.0' };
    return {
      update(progress) {
        latest = progress;
        const now = performance.now();
        if (now - lastRateAt > 500) {
          const { eventsPerSec, mbPerSec } = rates();
          shown = { rate: grouped(eventsPerSec), mbps: mbPerSec.toFixed(1) };
          lastRateAt = now;
        }
        bar.update(progress.sent, shown);
      },
      stop: () => bar.stop(),
    };
  }

  const line = () => {
    const { eventsPerSec, mbPerSec } = rates();
    const of = options.total !== undefined ? `/${grouped(options.total)}` : '';
    const rejected = latest.rejected ? ` · ${grouped(latest.rejected)} rejected` : '';
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    stream.write(`${options.label}: ${grouped(latest.sent)}${of} events · ${grouped(eventsPerSec)} ev/s · ${mbPerSec.toFixed(1)} MB/s${rejected} · ${seconds} s\n`);
  };
  const timer = setInterval(line, (options.lineIntervalSec ?? 5) * 1000);
  timer.unref();
  return {
    update(progress) {
      latest = progress;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
