import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CloudEvent } from 'cloudevents';

export const SCHEMA_DIR = path.join(__dirname, '..', 'schemas');

let validators: Map<string, ValidateFunction> | undefined;

/** One validator per integration event type, from the published JSON Schemas. */
function schemaValidators(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  validators = new Map();
  for (const file of fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as { title: string };
    validators.set(schema.title, ajv.compile(schema));
  }
  return validators;
}

/**
 * Errors of an event against its type's schema and the CloudEvents SDK's own
 * spec validation (attribute names, required attributes); [] when valid.
 */
export function integrationEventErrors(event: unknown): string[] {
  const type = (event as { type?: unknown } | null)?.type;
  const validate = typeof type === 'string' ? schemaValidators().get(type) : undefined;
  if (!validate) return [`no schema for type ${String(type)}`];
  const errors = validate(event) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  try {
    new CloudEvent(event as Record<string, unknown>, true);
  } catch (error) {
    errors.push(`cloudevents: ${error instanceof Error ? error.message : String(error)}`);
  }
  return errors;
}

export function schemaTypes(): string[] {
  return [...schemaValidators().keys()].sort();
}
