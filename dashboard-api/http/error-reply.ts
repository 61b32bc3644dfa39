/**
 * One error shape for every endpoint: `{ statusCode, error, message, parameter? }`. Validation
 * errors name the query parameter in words (`query parameter "hours" must be <= 168`).
 */
import type { FastifyError } from 'fastify';

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  parameter?: string;
}

export function validationErrorBody(errors: readonly AjvLikeError[], context: string): ErrorBody {
  const first = errors[0];
  const where = context === 'querystring' ? 'query parameter' : context;
  if (first === undefined) return { statusCode: 400, error: 'Bad Request', message: `invalid ${where}` };
  if (first.keyword === 'additionalProperties') {
    const parameter = String(first.params.additionalProperty);
    return { statusCode: 400, error: 'Bad Request', message: `unknown ${where} "${parameter}"`, parameter };
  }
  if (first.keyword === 'required') {
    const parameter = String(first.params.missingProperty);
    return { statusCode: 400, error: 'Bad Request', message: `${where} "${parameter}" is required`, parameter };
  }
  const parameter = first.instancePath.replace(/^\//, '');
  return { statusCode: 400, error: 'Bad Request', message: `${where} "${parameter}" ${first.message ?? 'is invalid'}`, parameter };
}

export function errorBody(error: FastifyError): ErrorBody {
  if (error.validation !== undefined) return validationErrorBody(error.validation as AjvLikeError[], error.validationContext ?? 'request');
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  const names: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 406: 'Not Acceptable', 429: 'Too Many Requests', 503: 'Service Unavailable' };
  return {
    statusCode,
    error: names[statusCode] ?? (statusCode >= 500 ? 'Internal Server Error' : 'Error'),
    // Our own bugs are logged in full, never shown to the client.
    message: statusCode >= 500 && statusCode !== 503 ? 'internal error (see the dashboard log)' : error.message,
  };
}

/** An error that the error handler turns into the given status with this message. */
export function httpError(statusCode: number, message: string, cause?: unknown): Error & { statusCode: number } {
  return Object.assign(new Error(message, { cause }), { statusCode });
}
