import { ValidateBy } from 'class-validator';

/** PostgreSQL text cannot hold NUL: such input is refused (400), never sent to the database. */
export function NoNul(): PropertyDecorator {
  return ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => '$property must not contain NUL characters',
    },
  });
}
