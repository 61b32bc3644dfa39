/** What a free-text location says about where a job is. */
export interface LocationResolution {
  /** Lower-case ISO 3166-1 alpha-2 code (`uk` for the United Kingdom), `remote` or `unknown`. */
  region: string;
  /** Stated area of a remote posting without a country, e.g. `EU` for "Remote - EU". */
  region_area: string | null;
  city: string | null;
  /** State, province or nation when stated or known from the city data. */
  subdivision: string | null;
  /** The text says the job is remote ("Remote", "WFH", "anywhere"); "Hybrid" is not remote-only. */
  is_remote: boolean;
}
