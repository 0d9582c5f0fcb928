// Runs graphql-http's server audit (the GraphQL over HTTP specification's checks) against a
// live crm360 server and fails when any MUST fails. Usage: node graphql-http-audit.mjs <url>
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}
const results = await auditServer({ url });
const count = (status) => results.filter((r) => r.status === status).length;
for (const result of results) {
  if (result.status !== 'ok') {
    console.log(`${result.status.toUpperCase().padEnd(6)} ${result.name}: ${result.reason}`);
  }
}
console.log(`graphql-http audit: ${results.length} audits, ${count('ok')} ok, ${count('warn')} warnings, ${count('notice')} notices, ${count('error')} MUST failures`);
process.exit(count('error') > 0 ? 1 : 0);
