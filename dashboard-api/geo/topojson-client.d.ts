// topojson-client ships no types; this is the one function the dashboard uses.
declare module 'topojson-client' {
  export function feature(
    topology: unknown,
    object: unknown,
  ): { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; id?: string | number; properties: Record<string, unknown>; geometry: unknown }> };
}
