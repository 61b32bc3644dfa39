// The live stream: EventSource on /api/stream (the browser reconnects by itself), with the
// connection state shown on the header dot.
export function connectLiveUpdates({ onCounts, dot }) {
  const source = new EventSource('/api/stream');
  dot.dataset.state = 'connecting';
  source.addEventListener('hello', () => {
    dot.dataset.state = 'live';
  });
  source.addEventListener('counts', (event) => onCounts(JSON.parse(event.data).updates));
  source.addEventListener('error', () => {
    dot.dataset.state = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
  });
  return source;
}
