import { ValidationPipe, type ArgumentMetadata, type Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { PermanentMessageError } from '../message-errors';

class ContractViolation extends Error {}

/**
 * Validates and transforms an event handler's payload (its `data`) against the payload's
 * class-validator class; a violation is a `PermanentMessageError` naming the contract and every
 * offending field (`invalid product snapshot: priceCents must be an integer number`), so the
 * message is dead-lettered with that reason instead of retried. Nest hands RPC payloads to pipes
 * as `body` and the context (`@Ctx()`) as `custom`, which validation skips; unknown properties
 * are stripped, not refused (producers may add fields).
 */
export class EventDataValidationPipe extends ValidationPipe {
  constructor() {
    super({ transform: true, whitelist: true, forbidUnknownValues: true });
    this.exceptionFactory = (errors: ValidationError[]) =>
      new ContractViolation(this.flattenValidationErrors(errors).join(', '));
  }

  /**
   * The same check, synchronously, for data that comes in bulk (a seed page of a thousand
   * snapshots): the asynchronous pipeline costs twice as much per object, which a page of a
   * thousand turns into tens of milliseconds.
   */
  check<T extends object>(contract: Type<T>, value: unknown): T {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new PermanentMessageError(`invalid ${contractName(contract)}: not an object`);
    }
    const instance = plainToInstance(contract, value);
    const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      throw new PermanentMessageError(
        `invalid ${contractName(contract)}: ${this.flattenValidationErrors(errors).join(', ')}`,
      );
    }
    return instance;
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (!(err instanceof ContractViolation)) throw err;
      throw new PermanentMessageError(`invalid ${contractName(metadata.metatype)}: ${err.message}`);
    }
  }
}

const pipe = new EventDataValidationPipe();

/**
 * The same validation for event data that arrives another way (a mirror's seed pages), done
 * synchronously: returns the class instance or throws the `PermanentMessageError` the
 * transport would.
 */
export function validateEventData<T extends object>(contract: Type<T>, value: unknown): T {
  return pipe.check(contract, value);
}

// `ProductSnapshot` → `product snapshot`.
function contractName(metatype: ArgumentMetadata['metatype']): string {
  const name = metatype?.name ?? 'event data';
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
