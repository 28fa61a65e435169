import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SCHEMA_REF_PREFIX, contractSchemas } from './asyncapi/contract-schemas';
import type { ContractClass } from './event-contract';

const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
const compiled = new Map<ContractClass, ValidateFunction>();

/**
 * A compiled check of a contract class's JSON Schema (the one AsyncAPI publishes), for data that
 * comes in bulk: a seed page of a thousand snapshots checks in a few milliseconds, where
 * class-validator takes tens. It only ever accepts: a value it refuses goes to class-validator,
 * which has the last word and the error message (its ISO 8601 takes forms the schema's
 * `date-time` does not). `contract-check.spec.ts` holds it to refusing whatever class-validator
 * refuses.
 */
export function fastContractCheck(contract: ContractClass): (value: unknown) => boolean {
  let check = compiled.get(contract);
  if (!check) {
    for (const [name, schema] of Object.entries(contractSchemas([contract]))) {
      const ref = `${SCHEMA_REF_PREFIX}${name}`;
      if (!ajv.getSchema(ref)) ajv.addSchema(schema, ref);
    }
    const found = ajv.getSchema(`${SCHEMA_REF_PREFIX}${contract.name}`);
    if (!found) throw new Error(`no schema for the contract class ${contract.name}`);
    check = found;
    compiled.set(contract, check);
  }
  return check as (value: unknown) => boolean;
}
