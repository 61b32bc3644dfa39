/**
 * Refuses query parameters that validated as numbers but are not finite. The schema validator
 * (ajv 8, with fastify's type coercion) turns the strings `Infinity`, `-Infinity` and `1e400`
 * into ±Infinity, accepts them as integers and then skips `minimum`/`maximum`, which only apply
 * to finite numbers; `hours=Infinity` reached the handler and failed with a 500. Runs as a
 * preHandler hook, after validation and coercion.
 */
import type { ErrorBody } from './error-reply.ts';

/** The 400 for the first non-finite number in a validated query, or undefined when there is none. */
export function nonFiniteQueryError(query: unknown): ErrorBody | undefined {
  if (query === null || typeof query !== 'object') return undefined;
  for (const [parameter, value] of Object.entries(query)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return { statusCode: 400, error: 'Bad Request', message: `query parameter "${parameter}" must be a finite number`, parameter };
    }
  }
  return undefined;
}
