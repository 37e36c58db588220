// JSON-schema validation, and ajv errors turned into sentences a person understands. The validators are
// precompiled by scripts/gen.mts (ajv standalone, options in schema-options.ts) into
// schema-validators.generated.js: compiling the config schema with ajv on every run was ~40% of a warm
// `runbook-lint --cache` run in a repository with a config, and ajv's compiler no longer ships.
import type { ErrorObject } from 'ajv';
import { configValidator, runbookValidator, type PrecompiledValidator } from './schema-validators.generated.js';

export type SchemaError = ErrorObject;

const PRECOMPILED: Record<string, PrecompiledValidator> = {
  'https://runbook-authoring.dev/schemas/runbook-lint.schema.json': configValidator,
  'https://runbook-authoring.dev/schemas/runbook.schema.json': runbookValidator,
};

/** The validator of one of the project's schemas (by its `$id`): a list of errors, empty when valid. */
export function compileSchema(schema: Record<string, unknown>): (value: unknown) => ErrorObject[] {
  const v = PRECOMPILED[String(schema['$id'])];
  if (!v) throw new Error(`no precompiled validator for the schema ${String(schema['$id'])}: add it in scripts/gen.mts`);
  return (value) => (v(value) ? [] : [...(v.errors ?? [])]);
}

function where(e: ErrorObject, what: string): string {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${Number(p) + 1}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
  return path ? `\`${path}\`` : `the ${what}`;
}

/** One sentence per ajv error; prefers the schema's own `errorMessage`/`description` hints. */
export function describeSchemaError(e: ErrorObject, what = 'front matter'): string {
  const at = where(e, what);
  const p = e.params as Record<string, unknown>;
  const custom = (e.parentSchema as Record<string, unknown> | undefined)?.['x-message'];
  switch (e.keyword) {
    case 'required':
      return `${at} is missing the key \`${String(p['missingProperty'])}\`.`;
    case 'additionalProperties':
      return `${at} has an unknown key \`${String(p['additionalProperty'])}\`.`;
    case 'type':
      return `${at} should be ${article(String(p['type']))}.`;
    case 'enum':
      return `${at} should be one of ${(p['allowedValues'] as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}.`;
    case 'pattern':
      return typeof custom === 'string' ? `${at} ${custom}` : `${at} does not have the expected form (${String(p['pattern'])}).`;
    case 'format':
      return `${at} should be a valid ${String(p['format'])}.`;
    case 'minItems':
      return `${at} should list at least ${String(p['limit'])} item${p['limit'] === 1 ? '' : 's'}.`;
    case 'minLength':
      return `${at} should not be empty.`;
    case 'minimum':
      return `${at} should be at least ${String(p['limit'])}.`;
    case 'uniqueItems':
      return `${at} lists the same item twice.`;
    default:
      return `${at} ${e.message ?? 'is not valid'}.`;
  }
}

function article(t: string): string {
  const names: Record<string, string> = { string: 'a text value', array: 'a list', object: 'a mapping of keys', number: 'a number', integer: 'a whole number', boolean: 'true or false' };
  return t.split(',').map((x) => names[x] ?? x).join(' or ');
}
