import { describe, expect, it } from 'vitest';
import { Validator, type OpenApiDoc } from './openapi-validate';

const doc: OpenApiDoc = {
  paths: {
    '/thing': { get: { operationId: 'things/get', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' } } } } } } },
  },
  components: {
    schemas: {
      user: { type: 'object', properties: { login: { type: 'string' } }, required: ['login'] },
      empty: { type: 'object', properties: {}, additionalProperties: false },
      thing: {
        type: 'object',
        required: ['id', 'state', 'owner', 'tags'],
        properties: {
          id: { type: 'integer' },
          state: { type: 'string', enum: ['open', 'closed'] },
          owner: { nullable: true, oneOf: [{ $ref: '#/components/schemas/user' }, { $ref: '#/components/schemas/empty' }] },
          tags: { type: 'array', items: { type: 'string' } },
          score: { anyOf: [{ type: 'number' }, { type: 'string' }] },
          meta: { allOf: [{ type: 'object', required: ['a'] }, { type: 'object', required: ['b'] }] },
        },
      },
    },
  },
};

describe('openapi validator', () => {
  const v = new Validator(doc);
  const schema = v.responseSchema('GET', '/thing', 200);

  it('accepts a valid value, null where nullable, and the empty object branch of oneOf', () => {
    expect(v.validate(schema, { id: 1, state: 'open', owner: { login: 'paul' }, tags: ['a'], score: 1.5, meta: { a: 1, b: 2 } })).toEqual([]);
    expect(v.validate(schema, { id: 1, state: 'open', owner: null, tags: [] })).toEqual([]);
    expect(v.validate(schema, { id: 1, state: 'open', owner: {}, tags: [] })).toEqual([]);
  });

  it('reports missing properties, wrong types, enums, items and failed compositions', () => {
    expect(v.validate(schema, { state: 'open', owner: null, tags: [] })).toEqual(['$.id: required property missing']);
    expect(v.validate(schema, { id: 1.5, state: 'open', owner: null, tags: [] })[0]).toMatch(/\$\.id: expected integer/);
    expect(v.validate(schema, { id: 1, state: 'merged', owner: null, tags: [] })[0]).toMatch(/not in enum/);
    expect(v.validate(schema, { id: 1, state: 'open', owner: null, tags: [3] })[0]).toMatch(/\$\.tags\[0\]/);
    expect(v.validate(schema, { id: 1, state: 'open', owner: { x: 1 }, tags: [] })[0]).toMatch(/matches 0 of oneOf/);
    expect(v.validate(schema, { id: 1, state: 'open', owner: null, tags: [], score: true })[0]).toMatch(/anyOf/);
    expect(v.validate(schema, { id: 1, state: 'open', owner: null, tags: [], meta: { a: 1 } })).toEqual(['$.meta.b: required property missing']);
  });

  it('finds operation ids and fails loudly for undocumented responses', () => {
    expect(v.operationId('get', '/thing')).toBe('things/get');
    expect(() => v.responseSchema('GET', '/thing', 201)).toThrow(/documents no 201/);
  });
});
