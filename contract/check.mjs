// Runs the compiler's contract check (tsc --strict over check.ts) and says, for each error, which seed endpoint it
// is about (the JSDoc line above the failing constant) before the compiler's own message; then checks that every
// field of each checked endpoint has an example in its service's OpenAPI document. Exits 1 on any error.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fieldsWithoutExamples, openapiDocuments } from './examples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const configFile = join(here, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram(config.fileNames, config.options);
const diagnostics = ts.getPreEmitDiagnostics(program);

function endpointOf(diagnostic) {
  if (!diagnostic.file) {
    return 'the contract';
  }
  let node = findNode(diagnostic.file, diagnostic.start);
  while (node && !ts.isVariableStatement(node)) {
    node = node.parent;
  }
  const doc = node && ts.getJSDocCommentsAndTags(node).map(d => ts.getTextOfJSDocComment(d.comment)).join(' ');
  return doc || 'the contract';
}

function findNode(file, position) {
  let found;
  (function visit(node) {
    if (position >= node.getStart(file) && position < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  })(file);
  return found;
}

for (const diagnostic of diagnostics) {
  const where = diagnostic.file
    ? `${diagnostic.file.fileName.replace(here + '/', '')}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
    : '';
  console.error(`contract: ${endpointOf(diagnostic)} drifted from the seed plan (${where})`);
  console.error('  ' + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  '));
}
const checks = program.getSourceFile(join(here, 'check.ts')).statements.filter(ts.isVariableStatement);
const documents = openapiDocuments(join(here, '..', 'services'));
let undocumented = 0;
for (const check of checks) {
  const label = ts.getJSDocCommentsAndTags(check).map(d => ts.getTextOfJSDocComment(d.comment)).join(' ');
  const missing = fieldsWithoutExamples(documents, label);
  if (missing === null || missing.length > 0) {
    undocumented++;
    console.error(
      `contract: ${label} ` +
        (missing === null ? 'is in no OpenAPI document of the services' : `has no example for ${missing.join(', ')}`),
    );
  }
}
if (diagnostics.length > 0 || undocumented > 0) {
  process.exit(1);
}
console.log(`contract: ${checks.length} checks of the seed plan hold, each field with an example`);
