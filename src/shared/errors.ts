/** Error codes that cross the IPC boundary. Messages are Chinese and meant for the clerk. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'HAS_CHILDREN',
  'UNKNOWN_HANDLER',
  'FORBIDDEN',
  'DB_NEWER',
  'DB_INVALID',
  'CANCELLED',
  /** A file or folder the clerk named cannot be read or written (missing, a folder, no permission, disk full). */
  'FILE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** A complete Chinese sentence: what went wrong and where. */
  message: string;
  /** Field-level messages keyed by input field name (for forms). */
  fields?: Record<string, string>;
  /** More than fits in a message: every row a batch refused ({row, field, message}, rows 1-based). */
  details?: ErrorDetails;
}

export interface ErrorDetails {
  rowErrors?: { row: number; field: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
