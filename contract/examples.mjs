// The seed endpoints' examples: every field of a checked answer or request body has an example in the service's
// OpenAPI document (written by its build), so the Swagger UI shows the plan's shapes filled in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every service's OpenAPI document, by service name. */
export function openapiDocuments(services) {
  const documents = {};
  for (const service of readdirSync(services)) {
    const file = join(services, service, 'target', 'openapi', 'openapi.json');
    if (existsSync(file)) {
      documents[service] = JSON.parse(readFileSync(file, 'utf8'));
    }
  }
  return documents;
}

/**
 * The fields without an example of one checked endpoint, from its label ("POST /api/billing/checkout, request body"
 * or "..., answer"), as JSON paths ($.users[].id); null when no service documents the endpoint.
 */
export function fieldsWithoutExamples(documents, label) {
  const [call, part] = label.split(', ');
  const [method, path] = call.split(' ');
  for (const document of Object.values(documents)) {
    const operation = document.paths?.[path]?.[method.toLowerCase()];
    if (!operation) {
      continue;
    }
    const contents =
      part === 'request body'
        ? [operation.requestBody?.content]
        : Object.entries(operation.responses ?? {})
            .filter(([status]) => status.startsWith('2'))
            .map(([, response]) => response.content);
    return contents
      .flatMap(content => Object.values(content ?? {}))
      .flatMap(media => (media.example !== undefined || media.examples ? [] : withoutExamples(document, media.schema, '$')));
  }
  return null;
}

function withoutExamples(document, schema, path, seen = new Set()) {
  if (!schema || schema.example !== undefined || schema.examples) {
    return [];
  }
  if (schema.$ref) {
    if (seen.has(schema.$ref)) {
      return [];
    }
    const name = schema.$ref.split('/').pop();
    return withoutExamples(document, document.components.schemas[name], path, new Set([...seen, schema.$ref]));
  }
  if (schema.items) {
    return withoutExamples(document, schema.items, `${path}[]`, seen);
  }
  if (schema.properties) {
    return Object.entries(schema.properties).flatMap(([name, property]) =>
      withoutExamples(document, property, `${path}.${name}`, seen),
    );
  }
  const alternatives = schema.allOf ?? schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    return alternatives
      .filter(alternative => alternative.type !== 'null')
      .flatMap(alternative => withoutExamples(document, alternative, path, seen));
  }
  return [path];
}
