// Parses every statement of a Cypher file with Neo4j's own Cypher grammar
// (@neo4j-cypher/language-support) and fails on any syntax or semantic error.
// Prints {"statements": [...], "errors": [...]} as JSON; exit code 1 when errors.
'use strict';
const fs = require('fs');
const antlr = require('antlr4');
const cypher = require('@neo4j-cypher/language-support');

// Strict pass: the ANTLR parser with error recovery reported, not swallowed.
function grammarErrors(text) {
  const errors = [];
  const listener = {
    syntaxError(_recognizer, _symbol, line, column, message) {
      errors.push(`${line}:${column} ${message}`);
    },
    reportAmbiguity() {},
    reportAttemptingFullContext() {},
    reportContextSensitivity() {},
  };
  const lexer = new cypher.CypherLexer(new antlr.InputStream(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(listener);
  const parser = new cypher.CypherParser(new antlr.CommonTokenStream(lexer));
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  parser.statementsOrCommands();
  return errors;
}

const source = fs.readFileSync(process.argv[2], 'utf8');
const statements = cypher.parseStatementsStrs(source).filter((s) => s.trim() !== '');
const errors = [];
statements.forEach((statement, index) => {
  for (const message of grammarErrors(statement)) errors.push({ index, check: 'grammar', message });
  // Second pass: Neo4j's semantic analysis (undefined variables, bad clauses, ...).
  for (const d of cypher.lintCypherQuery(statement, {})) {
    if (d.severity === 1) errors.push({ index, check: 'lint', message: d.message });
  }
});
process.stdout.write(JSON.stringify({ statements, errors }));
process.exitCode = errors.length || !statements.length ? 1 : 0;
