type Schema = Record<string, any>;

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
