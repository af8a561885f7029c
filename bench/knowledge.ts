// Publishes a knowledge base of N articles (three languages each) on an in-memory PGlite, then
// prints search-time percentiles for one- and two-word queries, as the portal and console ask them.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openPgliteDatabase } from '../src/server/platform/db/pglite-database.ts';
import { migrate } from '../src/server/platform/db/migrate.ts';
import { createServices } from '../src/server/services.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { createTenant } from '../src/server/tenants/manage-tenants.ts';
import { createKbEntry, publishKbEntry } from '../src/server/knowledge/manage-knowledge.ts';
import { searchPublished } from '../src/server/knowledge/published-knowledge.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '2000' }, searches: { type: 'string', default: '500' } } });
const articleCount = Number(values.articles);
const searchCount = Number(values.searches);

const words = ['lavadora', 'filtro', 'desagüe', 'caldera', 'presión', 'nevera', 'hielo', 'horno', 'puerta', 'junta', 'ruido', 'fuga', 'agua',
  'enchufe', 'diferencial', 'programa', 'tambor', 'correa', 'bomba', 'termostato', 'piloto', 'error', 'código', 'mando', 'rejilla'];
// Real help texts draw on a wide vocabulary: a few hundred made-up words keep queries selective.
const syllables = ['ca', 'le', 'fa', 'ro', 'ti', 'mo', 'sa', 'bre', 'ju', 'nel', 'quí', 'dor', 'pan', 'vi', 'güe'];
let wordSeed = 7;
for (let i = 0; i < 600; i += 1) {
  wordSeed = (wordSeed * 48271) % 2147483647;
  words.push(Array.from({ length: 3 }, (_, j) => syllables[(wordSeed >> (j * 4)) % syllables.length]).join(''));
}
let seed = 20261202;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = () => words[Math.floor(random() * words.length)]!;
const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');

const db = await openPgliteDatabase(undefined);
await migrate(db);
const services = await createServices(db, { log: createLogger('silent'), clock: systemClock, secureCookies: false });
const tenant = await createTenant(services, 'system', {
  name: 'Bench', billingCode: 'BENCH', language: 'es', timeZone: 'Europe/Madrid', country: 'ES',
  businessHours: { weekly: [], closedDates: [] },
});

const publishStarted = performance.now();
for (let i = 0; i < articleCount; i += 1) {
  const variant = () => ({ title: sentence(5), summary: sentence(25), body: `## ${sentence(3)}\n\n${sentence(120)}\n\n- ${sentence(8)}\n- ${sentence(8)}` });
  const entry = await createKbEntry(services, 'system', {
    tenantId: tenant.id, kind: 'article', slug: `articulo-${i}`, note: '', content: { variants: { es: variant(), ca: variant(), en: variant() } },
  });
  await publishKbEntry(services, 'system', entry.id, { version: 1 });
}
const publishMs = performance.now() - publishStarted;

const times: number[] = [];
let hits = 0;
for (let i = 0; i < searchCount; i += 1) {
  const q = i % 2 === 0 ? pick() : `${pick()} ${pick().slice(0, 4)}`;
  const started = performance.now();
  hits += (await searchPublished(services.knowledge, tenant.id, { q, language: 'es' })).length;
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
console.log(`knowledge base: ${articleCount} articles × 3 languages, published in ${(publishMs / 1000).toFixed(1)} s (${(publishMs / articleCount).toFixed(1)} ms each)`);
console.log(`search (${searchCount} queries, PGlite, 'simple' + folded prefixes): p50 ${pct(50)} ms · p95 ${pct(95)} ms · p99 ${pct(99)} ms · max ${pct(100)} ms · ${(hits / searchCount).toFixed(1)} hits/query`);
await db.close();
