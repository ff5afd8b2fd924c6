import { appendFileSync } from 'node:fs';
import OpenAPIResponseValidator from 'openapi-response-validator';
import { closeObjects } from './closed-schema';
import { compileOperation } from './contract-operation';
import type { ContractOperation } from './contract-operation';

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

export class ApiContract {
  private readonly operations: ContractOperation[] = [];
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
        this.operations.push(compileOperation(template, method, operation, components));
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
    problems.push(...this.headerViolations(operation, documented, key, answer));
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

  /** What is wrong with the answer's documented headers (numeric ones read as numbers). */
  private headerViolations(
    operation: ContractOperation,
    documented: string,
    key: string,
    answer: ContractAnswer,
  ): ContractViolation[] {
    const headerSchema = operation.headers.get(documented);
    if (headerSchema === undefined) {
      return [];
    }
    // Header values are text: a numeric one (Retry-After) is read as its schema's number.
    const headers: Record<string, unknown> = {};
    answer.headers.forEach((value, name) => {
      const type = operation.headerTypes.get(name.toLowerCase());
      const numeric = (type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value);
      headers[name.toLowerCase()] = numeric ? Number(value) : value;
    });
    return this.bodyErrors(
      this.validator(`${key} headers`, headerSchema),
      answer.status,
      headers,
    ).map((problem) => `header ${problem}`);
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
