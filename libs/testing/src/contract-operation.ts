type Schema = Record<string, any>;

/** One operation of the document, ready to check answers against. */
export interface ContractOperation {
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

/** Reads `method template`'s responses: body schemas, header schemas and header types by status. */
export function compileOperation(
  template: string,
  method: string,
  operation: Schema,
  components: Schema,
): ContractOperation {
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
