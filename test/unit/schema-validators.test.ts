// The precompiled validators (scripts/gen.mts, ajv standalone -> core/schema-validators.generated.ts)
// give exactly the errors ajv gives when it compiles the schemas at run time with the same options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { compileSchema } from '../../server/src/core/schema.js';
import { SCHEMA_OPTIONS } from '../../server/src/core/schema-options.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;

function atRunTime(s: Record<string, unknown>) {
  const ajv = new Ajv({ ...SCHEMA_OPTIONS });
  addFormats.default(ajv);
  const v = ajv.compile(s);
  return (value: unknown) => (v(value) ? [] : [...(v.errors ?? [])]);
}

/** Front matter of every fixture (most are broken on purpose), plus a few hand-made values. */
function frontMatters(): unknown[] {
  const out: unknown[] = [{}, [], 'text', { runbook_id: 'RB-X-1', last_reviewed: '2026-02-30', severity: 'P9', environments: ['moon'], systems_affected: [] }];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(p, 'utf8'));
        try {
          if (m) out.push(parse(m[1]!));
        } catch {
          /* broken YAML is RB102's */
        }
      }
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  return out;
}

const CONFIGS: unknown[] = [
  {},
  { extends: 'existing-repo', include: ['**/*.md'], exclude: ['**/_index.md'], areas: { platform: 'PLAT' } },
  { extends: 'loose', groups: { structure: 'sometimes', nope: 'off' }, rules: { RB101: 'fatal', RB602: { severity: 'warning', severities: ['page', 3] }, 'section-order': { severity: 'off', extra: 1 } } },
  { review: { maxAgeDays: 0 }, areas: { platform: 'plat' }, allow: { secrets: ['XYZ'], domains: 'example.com' }, links: { extensions: ['md'], detect: 'yes' } },
  { urlTemplate: '', alerts: { files: [''], repository: 'not a repo', severityMap: { critical: 1 } }, codeowners: { requiredFor: 'security' }, unknown: true },
  { urlTemplate: ['https://runbooks.example.com/{path}', ''], include: 'runbooks/**' },
];

/** Both validators give the same errors for every value, and the values are mostly invalid. */
function sameErrors(name: string, values: unknown[]): void {
  const s = schema(name);
  const pre = compileSchema(s);
  const live = atRunTime(s);
  let errors = 0;
  for (const v of values) {
    assert.deepEqual(pre(v), live(v), JSON.stringify(v));
    errors += live(v).length;
  }
  assert.ok(errors > 20, `the samples are mostly invalid (${errors} errors)`);
}

test('the precompiled config validator gives the errors ajv gives at run time', () => {
  sameErrors('runbook-lint.schema.json', CONFIGS);
});

test('the precompiled front-matter validator gives the errors ajv gives at run time, over every fixture', () => {
  const values = frontMatters();
  assert.ok(values.length > 50, `${values.length} front matters`);
  sameErrors('runbook.schema.json', values);
});

test('a schema without a precompiled validator is refused, not compiled at run time', () => {
  assert.throws(() => compileSchema({ $id: 'https://example.com/other.json', type: 'object' }), /no precompiled validator/);
});
