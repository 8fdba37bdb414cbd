import { registerDecorator, type ValidationOptions } from 'class-validator';
import { identityProblem, isBusinessDate, itemProblem, type IdentityKind } from '@sagsspor/sag';

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

/** A kommune, sag number or committee: the domain's one rule and limit, on every route. */
export function IsIdentity(kind: IdentityKind, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIdentity',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args) => identityProblem(kind, args.value) ?? '', ...options },
      validator: { validate: (v: unknown) => identityProblem(kind, v) === null },
    });
}

/** An agenda item number, by the domain's rule. */
export function IsItem(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isItem',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args) => itemProblem(args.value) ?? '', ...options },
      validator: { validate: (v: unknown) => itemProblem(v) === null },
    });
}
