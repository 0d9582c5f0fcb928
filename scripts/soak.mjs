// The soak benchmark (issue 20): a crm360 server under a steady mixed load for a while, its
// resident memory, open file descriptors, database connections and disk used under the data
// folder sampled every minute, then reported as start, end and slope after warm-up.
//
//   node scripts/soak.mjs [--bin target/release/crm360] [--minutes 30] [--rate 50]
//                         [--database postgres://postgres@127.0.0.1:5432/crm360_soak]
//                         [--csv soak.csv] [--warm-up MINUTES]
//
// Without --database the server runs on SQLite in a fresh temporary data folder. With a
// PostgreSQL URL, that database is dropped and created again first. The load, at --rate
// requests a second spread over 4 clients: pages of 50 contacts with related data, a cursor
// page, a contact, segment counts, the campaigns list, an import (upsert of the same 200
// contacts) every minute and an email campaign to a segment every 10 minutes. A response that
// is not 200, or that carries `errors`, counts as an error.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readlinkSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const bin = args.bin ?? 'target/release/crm360';
const minutes = Number(args.minutes ?? 30);
const rate = Number(args.rate ?? 50);
const database = args.database;
const warmUpMinutes = Number(args["warm-up"] ?? Math.min(5, Math.floor(minutes / 3)));
const clients = 4;

const dataDir = mkdtempSync(join(tmpdir(), 'crm360-soak-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
// Rate limits off: the soak measures growth, not the limits against abuse.
writeFileSync(join(dataDir, 'crm360.toml'), '[rate_limits]\nenabled = false\n');

let pgName = null;
if (database) {
  pgName = new URL(database).pathname.slice(1);
  const admin = new URL(database);
  admin.pathname = '/postgres';
  execFileSync('psql', [admin.href, '-qc', `DROP DATABASE IF EXISTS "${pgName}"`]);
  execFileSync('psql', [admin.href, '-qc', `CREATE DATABASE "${pgName}"`]);
}

const env = {
  ...process.env,
  CRM360_CONFIG: join(dataDir, 'crm360.toml'),
  CRM360_DATA_DIR: join(dataDir, 'data'),
  RUST_LOG: 'warn',
};
if (database) env.DATABASE_URL = database;
else env.DATABASE_URL = `sqlite://${join(dataDir, 'data', 'crm360.db')}?mode=rwc`;
const serverLog = join(dataDir, 'server.log');
const logFile = openSync(serverLog, 'w');
const server = spawn(bin, ['serve', '--demo', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', logFile, logFile] });
server.on('exit', (code) => {
  if (!finished) {
    console.error(`the server stopped (exit ${code})`);
    process.exit(1);
  }
});
let finished = false;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {}
  if (i > 600) throw new Error('the server did not become ready');
  await sleep(200);
}

let requests = 0;
let errors = 0;
const errorKinds = new Map();
function countError(kind) {
  errors++;
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
}

async function gql(query, variables = {}, token) {
  requests++;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 200 || body.errors) {
    const kind = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
    if (!errorKinds.has(kind)) console.error(`first ${kind}: ${JSON.stringify(body.errors ?? body).slice(0, 400)} on ${query.slice(0, 80)}`);
    countError(kind);
    return null;
  }
  return body.data;
}

const login = await gql(
  'mutation($input: LoginInput!) { login(input: $input) { token } }',
  { input: { email: 'admin@demo.crm360.demo', password: 'Demo-crm360-2026!', returnToken: true } },
);
if (!login) throw new Error(`the demo login failed: ${[...errorKinds.keys()]}`);
const token = login.login.token;

const page = `query($after: String) { contacts(first: 50, after: $after, orderBy: { field: LAST_NAME, direction: ASC }) {
  nodes { id firstName lastName city postalCode consents { channel status } customValues { key value } }
  pageInfo { endCursor } } }`;
const count = `query($filter: SegmentNodeInput) { contactCount(definition: $filter) }`;
const filters = [
  { condition: { field: 'CITY', operator: 'CONTAINS', value: 'e' } },
  { or: [{ condition: { field: 'POSTAL_CODE', operator: 'STARTS_WITH', value: '75' } },
    { condition: { field: 'POSTAL_CODE', operator: 'STARTS_WITH', value: '69' } }] },
];
const first = await gql(page, {}, token);
const ids = first?.contacts.nodes.map((node) => node.id) ?? [];
const cursor = first?.contacts.pageInfo.endCursor ?? null;

const reads = [
  () => gql(page, {}, token),
  () => gql(page, { after: cursor }, token),
  () => gql('query($id: ID!) { contact(id: $id) { id firstName lastName history(first: 5) { nodes { action } } } }',
    { id: ids[requests % ids.length] }, token),
  () => gql(count, { filter: filters[requests % filters.length] }, token),
  () => gql('{ campaigns(first: 20) { nodes { id name status } } }', {}, token),
];

async function client(index) {
  const interval = (1000 * clients) / rate;
  let next = Date.now() + index * (interval / clients);
  while (!finished) {
    await reads[Math.floor(Math.random() * reads.length)]().catch((err) => countError(err.code ?? 'FETCH'));
    next += interval;
    await sleep(Math.max(0, next - Date.now()));
  }
}

const importCsv = ['external_id;first_name;last_name;city;postal_code'];
for (let i = 0; i < 200; i++) importCsv.push(`SOAK-${i};Élodie;Lefèvre${i};Saint-Étienne;42000`);
async function importOnce() {
  requests++;
  const upload = await fetch(`${base}/uploads?filename=soak.csv`, {
    method: 'POST', headers: { authorization: `Bearer ${token}` }, body: importCsv.join('\n'),
  });
  if (upload.status !== 201) return countError(`upload HTTP ${upload.status}`);
  const { id } = await upload.json();
  await gql('mutation($input: StartImportInput!) { startImport(input: $input) { import { id } } }', {
    input: { uploadId: id, upsertKey: 'EXTERNAL_ID', columns: [
      { column: 'external_id', field: 'EXTERNAL_ID' }, { column: 'first_name', field: 'FIRST_NAME' },
      { column: 'last_name', field: 'LAST_NAME' }, { column: 'city', field: 'CITY' },
      { column: 'postal_code', field: 'POSTAL_CODE' }] },
  }, token);
}

let campaignNumber = 0;
async function campaignOnce() {
  const setup = await gql(`{ campaignSenders { id channel } messageTemplates(first: 20) { nodes { id channel } }
    segments(first: 1) { nodes { id } } }`, {}, token);
  if (!setup) return;
  const sender = setup.campaignSenders.find((s) => s.channel === 'EMAIL');
  const template = setup.messageTemplates.nodes.find((t) => t.channel === 'EMAIL');
  const segment = setup.segments.nodes[0];
  if (!sender || !template || !segment) return countError('NO_CAMPAIGN_SETUP');
  const created = await gql('mutation($input: CampaignInput!) { createCampaign(input: $input) { campaign { id } } }', {
    input: { name: `Soak ${++campaignNumber}`, channel: 'EMAIL', segmentId: segment.id, templateId: template.id,
      senderId: sender.id, plan: 'NOW' },
  }, token);
  if (created) await gql('mutation($id: ID!) { launchCampaign(id: $id) { campaign { id } } }', { id: created.createCampaign.campaign.id }, token);
}

function duBytes(path, skip = () => false) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (skip(full)) continue;
    if (entry.isDirectory()) total += duBytes(full, skip);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function sample(minute) {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const rssKib = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  const fds = readdirSync(`/proc/${server.pid}/fd`);
  let dbFiles = 0;
  for (const fd of fds) {
    try {
      if (/crm360\.db(-wal|-shm)?$/.test(readlinkSync(`/proc/${server.pid}/fd/${fd}`))) dbFiles++;
    } catch {}
  }
  const connections = pgName
    ? Number(execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc',
      `SELECT count(*) FROM pg_stat_activity WHERE datname = '${pgName}'`]).toString().trim())
    : dbFiles;
  const data = join(dataDir, 'data');
  const mail = join(data, 'demo-mail');
  const isDatabase = (path) => /crm360\.db(-wal|-shm|-journal)?$/.test(path);
  const files = duBytes(data, (path) => path === mail || isDatabase(path));
  const sqlite = duBytes(data, (path) => path === mail || !(isDatabase(path) || path === data));
  const disk = pgName
    ? Number(execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc',
      `SELECT pg_database_size('${pgName}')`]).toString().trim())
    : sqlite;
  let mailBytes = 0;
  try { mailBytes = duBytes(mail); } catch {}
  return { minute, rssKib, fds: fds.length, connections, files, disk, mailBytes, requests, errors };
}

function fit(points) {
  // Least squares: slope per minute and its standard error.
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  const residual = points.reduce((s, [x, y]) => s + (y - my - slope * (x - mx)) ** 2, 0);
  const se = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : NaN;
  return { slope, se };
}

const samples = [sample(0)];
console.log('minute,rss_kib,fds,db_connections,data_files_bytes,database_bytes,demo_mail_bytes,requests,errors');
const line = (s) => `${s.minute},${s.rssKib},${s.fds},${s.connections},${s.files},${s.disk},${s.mailBytes},${s.requests},${s.errors}`;
console.log(line(samples[0]));
const workers = Array.from({ length: clients }, (_, i) => client(i));
await campaignOnce();
for (let minute = 1; minute <= minutes; minute++) {
  const due = Date.now() + 60_000;
  await importOnce().catch(() => countError('IMPORT'));
  if (minute % 10 === 0) await campaignOnce().catch(() => countError('CAMPAIGN'));
  await sleep(Math.max(0, due - Date.now()));
  const s = sample(minute);
  samples.push(s);
  console.log(line(s));
}
finished = true;
await Promise.all(workers);
server.kill('SIGTERM');
if (args.csv) writeFileSync(args.csv, [samples.map(line)].flat().join('\n') + '\n');

const after = samples.filter((s) => s.minute >= warmUpMinutes);
const report = (name, key, unit, scale = 1) => {
  const { slope, se } = fit(after.map((s) => [s.minute, s[key] / scale]));
  const start = after[0][key] / scale;
  const end = after[after.length - 1][key] / scale;
  console.log(`${name.padEnd(22)} start ${start.toFixed(1)} ${unit}, end ${end.toFixed(1)} ${unit}, ` +
    `slope ${(slope * 60).toFixed(2)} ${unit}/h (± ${(se * 60 * 2).toFixed(2)}, 2 s.e.)`);
};
console.log(`\n${minutes} min, ${requests} requests (${(requests / minutes / 60).toFixed(1)}/s), ${errors} errors` +
  (errors ? ` ${JSON.stringify(Object.fromEntries(errorKinds))}` : '') + `; after a warm-up of ${warmUpMinutes} min:`);
report('resident memory', 'rssKib', 'MiB', 1024);
report('open descriptors', 'fds', 'fds');
report('database connections', 'connections', 'conns');
report('files in data folder', 'files', 'KiB', 1024);
report('database size', 'disk', 'KiB', 1024);
report('demo mail sink', 'mailBytes', 'KiB', 1024);
const logged = readFileSync(serverLog, 'utf8').split('\n').filter((l) => /\bERROR\b|"level":"ERROR"/.test(l));
console.log(`server log: ${serverLog} (${logged.length} error lines)`);
for (const l of logged.slice(0, 5)) console.log(`  ${l.slice(0, 300)}`);
process.exit(errors ? 1 : 0);
