// Generates what the contract checks read: TypeScript types of every service's OpenAPI document (written by the
// service's build to services/<name>/target/openapi/openapi.json), and JSON Schemas of the seed plan's types (for
// the system tests' runtime check). Run by the contract module's build after the services are packaged.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createGenerator } from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));
const services = join(here, '..', 'services');
const generated = join(here, 'generated');
mkdirSync(generated, { recursive: true });

for (const service of readdirSync(services).sort()) {
  const document = join(services, service, 'target', 'openapi', 'openapi.json');
  if (!existsSync(document)) {
    throw new Error(`${document} is missing: package services/${service} first`);
  }
  const ast = await openapiTS(pathToFileURL(document));
  writeFileSync(join(generated, `${service}.ts`), astToString(ast));
  console.log(`contract: types of services/${service}'s OpenAPI in generated/${service}.ts`);
}

const schema = createGenerator({
  path: join(here, 'seed.ts'),
  tsconfig: join(here, 'tsconfig.json'),
  type: '*',
  expose: 'export',
  additionalProperties: true,
  skipTypeCheck: true,
}).createSchema('*');
mkdirSync(join(here, 'target'), { recursive: true });
writeFileSync(join(here, 'target', 'seed.schema.json'), JSON.stringify(schema, null, 2));
console.log(`contract: JSON Schemas of ${Object.keys(schema.definitions).length} seed types in target/seed.schema.json`);
