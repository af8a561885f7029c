export type TFieldError = { path: string; message: string };

/** Every failed call ends here: HTTP errors with the server's body, network failures (status 0) and contract drift. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly TFieldError[];

  constructor(status: number, code: string, message: string, fields: readonly TFieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export const networkErrorCode = 'network_error';
export const badResponseCode = 'bad_response';
