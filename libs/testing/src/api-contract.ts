import { appendFileSync } from 'node:fs';
import OpenAPIResponseValidator from 'openapi-response-validator';

/**
 * Checks answers of the API against its OpenAPI document: the status must be documented
 * for the operation, every documented header present (when required) and well-formed, the
 * body valid against the response's schema. Documented objects are closed: a copy of the
 * schemas gets `additionalProperties: false` wherever the document does not say otherwise,
 * so a field added to a view without its schema fails the test that saw it.
 *
 * Routes outside the document are exempt, explicitly: Bull Board under /admin/queues and
 * Swagger UI under /docs. Any other path or method the document does not know is answered
 * by the API's error handler and must be an ErrorView.
 */

type Schema = Record<string, any>;
type Document = Record<string, any>;

export interface ContractAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: unknown;
}

/** Where the document does not apply: Bull Board and Swagger UI. */
export const EXEMPT_ROUTES: readonly RegExp[] = [/^\/admin\/queues(\/|$)/, /^\/docs(\/|-json$|$)/];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;
const customFormats = {
  uuid: (value: unknown) => typeof value === 'string' && UUID.test(value),
  'date-time': (value: unknown) =>
    typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)),
};

/** openapi-response-validator over OpenAPI 3 responses (its types describe Swagger 2's). */
function responseValidator(
  responses: Record<string, Schema>,
  components: Schema,
): OpenAPIResponseValidator {
  return new OpenAPIResponseValidator({
    responses: responses as never,
    components,
    customFormats,
  });
}

/**
 * Fails the test with `message`; with API_CONTRACT_REPORT=<file> (discovery: every
 * violation of a run at once) appends it to that file instead.
 */
function fail(message: string): void {
  const report = process.env.API_CONTRACT_REPORT;
  if (report !== undefined && report !== '') {
    appendFileSync(report, `${message}\n\n`);
    return;
  }
  throw new Error(message);
}

/** The violations of an answer, or [] when it keeps the contract. */
export type ContractViolation = string;

interface Operation {
  template: string;
  pattern: RegExp;
  method: string;
  responses: Record<string, Schema>;
  /** The schema of each status's JSON body (`{}` when it has none). */
  bodies: Map<string, Schema>;
  /** The schema of each status's headers, as one object of lower-case names. */
  headers: Map<string, Schema>;
  /** The schema type of each documented header, by lower-case name. */
  headerTypes: Map<string, unknown>;
}

/** Adds `additionalProperties: false` to every object schema that lists its properties and says nothing else. */
export function closeObjects<T>(schema: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') {
      return;
    }
    const object = node as Schema;
    if (
      object.properties !== undefined &&
      typeof object.properties === 'object' &&
      !('additionalProperties' in object) &&
      object.allOf === undefined &&
      object.oneOf === undefined &&
      object.anyOf === undefined
    ) {
      object.additionalProperties = false;
    }
    for (const value of Object.values(object)) {
      visit(value);
    }
  };
  const copy = structuredClone(schema);
  visit(copy);
  return copy;
}

export class ApiContract {
  private readonly operations: Operation[] = [];
  private readonly components: Schema;
  // Compiled on first use: a validator per schema, not the whole document up front.
  private readonly validators = new Map<string, OpenAPIResponseValidator>();

  constructor(document: Document) {
    const closed = closeObjects(document);
    const components = closed.components ?? {};
    this.components = components;
    for (const [template, item] of Object.entries<Schema>(closed.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation === undefined) {
          continue;
        }
        this.operations.push(this.compile(template, method, operation, components));
      }
    }
  }

  /** A validator of `schema` as a JSON body, compiled once per `key`. */
  private validator(key: string, schema: Schema): OpenAPIResponseValidator {
    let validator = this.validators.get(key);
    if (validator === undefined) {
      validator = responseValidator(
        { default: { description: key, content: { 'application/json': { schema } } } },
        this.components,
      );
      this.validators.set(key, validator);
    }
    return validator;
  }

  /** Loads the document the running API serves at /docs-json. */
  static async load(apiUrl: string): Promise<ApiContract> {
    const response = await fetch(`${apiUrl}/docs-json`);
    if (!response.ok) {
      throw new Error(`GET /docs-json answered ${response.status}`);
    }
    return new ApiContract((await response.json()) as Document);
  }

  /** True for routes the document does not describe on purpose. */
  static exempt(path: string): boolean {
    const pathname = path.split('?')[0];
    return EXEMPT_ROUTES.some((route) => route.test(pathname));
  }

  /** What is wrong with `answer` to `method path`; [] when nothing is. */
  violations(method: string, path: string, answer: ContractAnswer): ContractViolation[] {
    const pathname = path.split('?')[0];
    if (ApiContract.exempt(pathname)) {
      return [];
    }
    const lower = method.toLowerCase();
    const operation = this.operations.find(
      (candidate) => candidate.method === lower && candidate.pattern.test(pathname),
    );
    if (operation === undefined) {
      // Not a route of the API: the error handler answers, in ErrorView's shape.
      if (answer.status < 400) {
        return [`undocumented route answered ${answer.status}`];
      }
      return this.bodyErrors(
        this.validator('ErrorView', { $ref: '#/components/schemas/ErrorView' }),
        answer.status,
        answer.body,
      );
    }
    const status = String(answer.status);
    const response = operation.responses[status] ?? operation.responses.default;
    if (response === undefined) {
      return [
        `status ${status} is not documented for ${operation.method.toUpperCase()} ${operation.template} (documented: ${Object.keys(operation.responses).join(', ')})`,
      ];
    }
    const problems: ContractViolation[] = [];
    const documented = operation.responses[status] === undefined ? 'default' : status;
    const key = `${operation.method} ${operation.template} ${documented}`;
    const headerSchema = operation.headers.get(documented);
    if (headerSchema !== undefined) {
      const headerValidator = this.validator(`${key} headers`, headerSchema);
      // Header values are text: a numeric one (Retry-After) is read as its schema's number.
      const headers: Record<string, unknown> = {};
      answer.headers.forEach((value, name) => {
        const type = operation.headerTypes.get(name.toLowerCase());
        const numeric = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value);
        headers[name.toLowerCase()] = numeric ? Number(value) : value;
      });
      problems.push(
        ...this.bodyErrors(headerValidator, answer.status, headers).map(
          (problem) => `header ${problem}`,
        ),
      );
    }
    const content = response.content as Record<string, { schema?: Schema }> | undefined;
    const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
    if (content !== undefined && Object.keys(content).length > 0) {
      if (!(type in content)) {
        problems.push(
          `content-type ${type || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`,
        );
      } else if (type === 'application/json') {
        const schema = operation.bodies.get(documented) ?? {};
        problems.push(
          ...this.bodyErrors(this.validator(`${key} body`, schema), answer.status, answer.body),
        );
      }
    }
    return problems;
  }

  /** Throws, naming the request, the status and every violation, unless `answer` keeps the contract. */
  check(method: string, path: string, answer: ContractAnswer): void {
    const problems = this.violations(method, path, answer);
    if (problems.length > 0) {
      const body = JSON.stringify(answer.body) ?? '';
      const message =
        `${method.toUpperCase()} ${path} answered ${answer.status}, which breaks the OpenAPI document:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        `\n  body: ${body.length > 2000 ? `${body.slice(0, 2000)}…` : body}`;
      fail(message);
    }
  }

  /** Throws, naming `where` and every violation, unless `data` is a valid `schemaName`. */
  checkSchema(schemaName: string, data: unknown, where: string): void {
    const problems = this.schemaViolations(schemaName, data);
    if (problems.length > 0) {
      fail(
        `${where} breaks ${schemaName}:\n` +
          problems.map((problem) => `  - ${problem}`).join('\n') +
          `\n  data: ${JSON.stringify(data)}`,
      );
    }
  }

  /** What is wrong with `data` as a component schema, e.g. an SSE event's JobStatusView. */
  schemaViolations(schemaName: string, data: unknown): ContractViolation[] {
    const validator = this.validator(schemaName, { $ref: `#/components/schemas/${schemaName}` });
    return this.bodyErrors(validator, 200, data);
  }

  private compile(
    template: string,
    method: string,
    operation: Schema,
    components: Schema,
  ): Operation {
    const responses = operation.responses as Record<string, Schema>;
    // Only JSON bodies are validated; other media types are checked for their type alone.
    const bodies = new Map<string, Schema>();
    const headers = new Map<string, Schema>();
    const headerTypes = new Map<string, unknown>();
    for (const [status, response] of Object.entries(responses)) {
      bodies.set(status, response.content?.['application/json']?.schema ?? {});
      // A header may be a $ref to components.headers (X-Request-Id is).
      const documented = Object.entries<Schema>(response.headers ?? {}).map(
        ([name, header]): [string, Schema] => [
          name,
          typeof header.$ref === 'string'
            ? components.headers?.[String(header.$ref).split('/').pop() ?? '']
            : header,
        ],
      );
      for (const [name, header] of documented) {
        headerTypes.set(name.toLowerCase(), header.schema?.type);
      }
      if (documented.length > 0) {
        const schema = {
          type: 'object',
          properties: Object.fromEntries(
            documented.map(([name, header]) => [name.toLowerCase(), header.schema ?? {}]),
          ),
          required: documented
            .filter(([, header]) => header.required === true)
            .map(([name]) => name.toLowerCase()),
        };
        headers.set(status, schema);
      }
    }
    const pattern = new RegExp(
      `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`,
    );
    return {
      template,
      pattern,
      method,
      responses,
      bodies,
      headers,
      headerTypes,
    };
  }

  private bodyErrors(
    validator: OpenAPIResponseValidator,
    status: number,
    body: unknown,
  ): ContractViolation[] {
    const result = validator.validateResponse(status, body);
    if (result === undefined) {
      return [];
    }
    return result.errors.map((error: { path?: string; message: string }) => {
      const where = error.path && error.path !== 'response' ? `${error.path}: ` : '';
      return `${where}${error.message}`;
    });
  }
}

const contracts = new Map<string, Promise<ApiContract>>();

/** The contract of the API at `origin`, loaded from its /docs-json once. */
export function contractOf(origin: string): Promise<ApiContract> {
  let contract = contracts.get(origin);
  if (contract === undefined) {
    contract = ApiContract.load(origin);
    contracts.set(origin, contract);
    // A failed load (the API was not up) is tried again next time.
    contract.catch(() => contracts.delete(origin));
  }
  return contract;
}

export interface CheckedResponse extends ContractAnswer {
  text: string;
}

/**
 * fetch() for tests that talk to an API without TestPlatform's helpers: reads the whole
 * answer, and fails unless it keeps the API's OpenAPI document (see ApiContract).
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<CheckedResponse> {
  const { origin, pathname, search } = new URL(url);
  const contract = await contractOf(origin);
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  const answer = { status: response.status, headers: response.headers, body, text };
  contract.check(init.method ?? 'GET', `${pathname}${search}`, answer);
  return answer;
}
