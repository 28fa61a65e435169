import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';

interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * Deepest nesting of objects and arrays any input may have. Our bodies nest two or three levels;
 * the transformer and the validator recurse, so a body nested thousands deep would exhaust the
 * stack (a 500) instead of being refused.
 */
export const MAX_INPUT_DEPTH = 32;

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function badRequest(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.map((f) => `${f.field}: ${f.problems.join(', ')}`),
    fields,
  });
}

/** Whether `value` nests objects or arrays deeper than `limit`, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The validation pipe, refusing input nested too deep before it transforms and validates. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
      throw badRequest([
        {
          field: metadata.data ?? metadata.type,
          problems: [`must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep`],
        },
      ]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Validates and transforms input; unknown fields are rejected; 400 names every bad field. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}
