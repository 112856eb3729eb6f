// Lint Cypher statements with Neo4j's own parser (@neo4j-cypher/language-support).
// Input on stdin: a JSON array of statements. Output on stdout: a JSON array with,
// for each statement, its diagnostics as {severity, message, offset}
// (severity 1 = error, 2 = warning, as in the Language Server Protocol).
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;

const statements = JSON.parse(input);
// No schema: the linter then knows no labels, properties or parameters, and any
// complaint it makes about those is a warning, not a syntax error.
const results = statements.map((statement) =>
  lintCypherQuery(statement, {}).diagnostics.map((d) => ({
    severity: d.severity,
    message: d.message,
    offset: d.offsets.start,
  })),
);
process.stdout.write(JSON.stringify(results));
