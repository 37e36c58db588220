// The ajv options the JSON-schema validators are compiled with (by scripts/gen.mts, ajv standalone, into
// schema-validators.generated.js). The schemas are this project's own (generated, tested): checking
// them against the meta-schema is off (it compiled the meta-schema too).
export const SCHEMA_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false } as const;
