import type { ApiError, ErrorCode } from '../shared/errors';

/** An error meant for the clerk: a code and a complete Chinese message. Services throw it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }

  toApiError(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

/** A field-level validation error. */
export function fieldError(field: string, message: string, code: ErrorCode = 'VALIDATION'): AppError {
  return new AppError(code, message, { [field]: message });
}
