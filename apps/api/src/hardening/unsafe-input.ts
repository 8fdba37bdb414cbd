import { AppError } from '@sagsspor/kernel';

/** Input refused before any handler sees it: encoding, control characters, shape. */
export class UnsafeInputError extends AppError {
  constructor(detail: string) {
    super('request.unsafe-input', 'invalid', 'Unsafe input', detail);
  }
}
