import type { ApiError, ErrorCode, ErrorDetails } from '../shared/errors';

/** An error meant for the clerk: a code and a complete Chinese message. Services throw it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  toApiError(): ApiError {
    const out: ApiError = { code: this.code, message: this.message };
    if (this.fields) out.fields = this.fields;
    if (this.details) out.details = this.details;
    return out;
  }
}

/** A field-level validation error. */
export function fieldError(field: string, message: string, code: ErrorCode = 'VALIDATION'): AppError {
  return new AppError(code, message, { [field]: message });
}
