// A small JSON-schema validator for the subset of OpenAPI 3.0 that GitHub's description uses
// (type, nullable, properties, required, items, enum, anyOf/oneOf/allOf, $ref,
// additionalProperties: false). Written here because the rule is: no new npm dependencies.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, ResponseObject | { $ref: string }> }>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, ResponseObject> };
}

interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, v: unknown): boolean {
  const t = typeOf(v);
  return want === t || (want === 'number' && t === 'integer');
}

export class Validator {
  constructor(private readonly doc: OpenApiDoc) {}

  private deref(s: Schema): Schema {
    let cur = s;
    for (let i = 0; cur.$ref && i < 20; i++) {
      const name = cur.$ref.replace('#/components/schemas/', '');
      const next = this.doc.components.schemas[name];
      if (!next) throw new Error(`unknown $ref ${cur.$ref}`);
      cur = next;
    }
    return cur;
  }

  /** Returns the list of violations (empty = valid). */
  validate(schema: Schema, value: unknown, path = '$'): string[] {
    const s = this.deref(schema);
    if (value === null && (s.nullable || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')))) return [];
    if (s.allOf) {
      const errs = s.allOf.flatMap((sub) => this.validate(sub, value, path));
      if (errs.length) return errs;
    }
    if (s.anyOf) {
      const results = s.anyOf.map((sub) => this.validate(sub, value, path));
      if (!results.some((r) => r.length === 0)) return [`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`];
    }
    if (s.oneOf) {
      // GitHub's description uses oneOf loosely: branches often overlap (e.g. basic-error and
      // repository-rule-violation-error both accept any object), so "at least one" is the usable rule.
      const results = s.oneOf.map((sub) => this.validate(sub, value, path));
      if (!results.some((r) => r.length === 0)) return [`${path}: matches 0 of oneOf (${results.map((r) => r[0]).join(' | ')})`];
    }
    if (s.enum && !s.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`];
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    if (types.length > 0 && !types.some((t) => typeMatches(t, value))) {
      return [`${path}: expected ${types.join('|')}${s.nullable ? ' (nullable)' : ''}, got ${typeOf(value)}`];
    }
    const errors: string[] = [];
    if (typeOf(value) === 'object' && (s.properties || s.required || s.additionalProperties === false)) {
      const obj = value as Record<string, unknown>;
      for (const k of s.required ?? []) if (!(k in obj)) errors.push(`${path}.${k}: required property missing`);
      for (const [k, v] of Object.entries(obj)) {
        const ps = s.properties?.[k];
        if (ps) errors.push(...this.validate(ps, v, `${path}.${k}`));
        else if (s.additionalProperties === false) errors.push(`${path}.${k}: additional property not allowed`);
      }
    }
    if (typeOf(value) === 'array' && s.items) {
      (value as unknown[]).forEach((item, i) => errors.push(...this.validate(s.items as Schema, item, `${path}[${i}]`)));
    }
    return errors;
  }

  /** The JSON schema of an operation's response, e.g. ('get', '/repos/{owner}/{repo}', 200). */
  responseSchema(method: string, pathTemplate: string, status: number): Schema {
    const op = this.doc.paths[pathTemplate]?.[method.toLowerCase()];
    if (!op) throw new Error(`no operation ${method} ${pathTemplate}`);
    let resp = op.responses[String(status)];
    if (!resp) throw new Error(`${method} ${pathTemplate} documents no ${status} response`);
    if ('$ref' in resp) resp = this.doc.components.responses?.[resp.$ref.replace('#/components/responses/', '')] as ResponseObject;
    const schema = (resp as ResponseObject).content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${pathTemplate} ${status} has no JSON schema`);
    return schema;
  }

  operationId(method: string, pathTemplate: string): string | undefined {
    return this.doc.paths[pathTemplate]?.[method.toLowerCase()]?.operationId;
  }
}
