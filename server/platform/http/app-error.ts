import { errorSpec } from '../contract/errors.ts';

export type FieldProblem = { field: string; code: string; message?: string };

/** The one error type: a stable code from a module's contract, with message params and fields. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Record<string, unknown>;
  readonly fields: FieldProblem[] | undefined;

  constructor(
    code: string,
    opts: { params?: Record<string, unknown>; fields?: FieldProblem[]; status?: number } = {},
  ) {
    const spec = errorSpec(code);
    if (!spec) throw new Error(`unregistered error code ${code}`);
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? spec.status;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
