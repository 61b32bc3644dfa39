/** The "now" of a query: the `at` parameter when given, else the app clock. */
export function queryNowMs(at: string | undefined, clock: () => number): number {
  return at === undefined ? clock() : Date.parse(at);
}
