import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isBusinessDate } from '@sagsspor/sag';

export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a real date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isBusinessDate(value) },
    });
}

/** Non-blank text: whitespace alone is as empty as nothing. */
export function IsText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [maxLength],
      options: { message: `$property must be a non-empty text of at most ${maxLength} characters`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= maxLength },
    });
}
