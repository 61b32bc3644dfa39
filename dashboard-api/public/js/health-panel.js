// The pipeline health panel: status, throughput, lag, watermark, DLQ and late counts.
import { formatCount, formatDuration, formatRate, formatUtc } from './format.js';

export function createHealthPanel(root) {
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  const badge = root.querySelector('#health-status');
  const reasons = root.querySelector('#health-reasons');
  return {
    update(report) {
      badge.dataset.status = report.status;
      badge.textContent = report.status;
      const { pipeline, kafka, redis } = report;
      field('throughput').textContent = formatRate(pipeline.eventsPerSecond);
      field('lag').textContent = pipeline.consumerLag === null ? '–' : `${formatCount(pipeline.consumerLag)} records`;
      field('watermark').textContent = formatUtc(pipeline.watermarkMs);
      field('watermark-lag').textContent = pipeline.watermarkLagMs === null ? '–' : `${formatDuration(pipeline.watermarkLagMs)} behind`;
      field('dlq').textContent = formatCount(pipeline.totals.dlq);
      field('late').textContent = formatCount(pipeline.totals.late);
      field('processors').textContent = `${pipeline.processorsAlive} alive`;
      field('services').textContent = `${kafka.reachable ? 'up' : 'down'} · ${redis.reachable ? 'up' : 'down'}`;
      reasons.replaceChildren(
        ...report.reasons.map((reason) => {
          const item = document.createElement('li');
          item.textContent = reason;
          return item;
        }),
      );
    },
    unreachable(message) {
      badge.dataset.status = 'down';
      badge.textContent = 'no answer';
      reasons.replaceChildren(Object.assign(document.createElement('li'), { textContent: message }));
    },
  };
}
