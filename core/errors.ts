/**
 * One error type for the whole pipeline. Every failure carries a stable code from the closed
 * list below; `retriable` tells callers whether backing off and trying again can help.
 * Each code is documented in docs/errors.md (a unit test fails when one is missing).
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { retriable: false, message: 'configuration is invalid' },
  PREREQUISITE_MISSING: { retriable: false, message: 'a required system tool is missing' },
  SERVICE_START_FAILED: { retriable: false, message: 'a local service did not start' },
  SERVICE_UNREACHABLE: { retriable: true, message: 'a service cannot be reached' },
  RETRIES_EXCEEDED: { retriable: false, message: 'an operation failed after all retries' },
  CONTRACT_VIOLATION: { retriable: false, message: 'an event does not satisfy the contract' },
  TAXONOMY_INVALID: { retriable: false, message: 'the skill taxonomy file is invalid' },
  CORPUS_INVALID: { retriable: false, message: 'a recorded corpus file is invalid' },
  SQL_ERROR: { retriable: false, message: 'a SQL statement failed' },
  PARTITION_LOST: { retriable: false, message: 'another processor owns the partition now' },
  INTERNAL: { retriable: false, message: 'an internal invariant was broken' },
} as const satisfies Record<string, { retriable: boolean; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PulseError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options);
    this.name = 'PulseError';
    this.code = code;
    this.retriable = ERROR_CODES[code].retriable;
  }
}

export function isPulseError(error: unknown): error is PulseError {
  return error instanceof PulseError;
}
