// Regenerates codes-postaux.csv from the npm package `codes-postaux` (BAN, MIT licence).
//
//   cd modules/postal/address/data && npm install && node regenerate.mjs
//
// Output: code_postal,code_commune_insee,nom_commune,libelle_acheminement, one row per
// (postal code, commune), sorted by postal code then INSEE code. The Rust crate embeds the
// file with include_str! at compile time: rebuild after regenerating, and review the RNVP
// snapshot (cargo test -p crm360-address) for changes in delivery labels.

import { createRequire } from 'node:module';
import { writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const rows = require('codes-postaux/codes-postaux.json');

const field = (value) => {
  const s = String(value ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const seen = new Set();
const lines = [];
for (const r of rows) {
  const key = `${r.codePostal}|${r.codeCommune}|${r.nomCommune}|${r.libelleAcheminement}`;
  if (seen.has(key)) continue;
  seen.add(key);
  lines.push(r);
}
lines.sort((a, b) =>
  a.codePostal === b.codePostal
    ? a.codeCommune.localeCompare(b.codeCommune)
    : a.codePostal.localeCompare(b.codePostal),
);

const out = ['code_postal,code_commune_insee,nom_commune,libelle_acheminement'];
for (const r of lines) {
  out.push([r.codePostal, r.codeCommune, r.nomCommune, r.libelleAcheminement].map(field).join(','));
}
// CRLF, as the published CSV of the base.
writeFileSync(join(here, 'codes-postaux.csv'), out.join('\r\n') + '\r\n');
copyFileSync(require.resolve('codes-postaux/LICENSE'), join(here, 'codes-postaux.LICENSE'));
console.log(`codes-postaux.csv: ${lines.length} rows`);
