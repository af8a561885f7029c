import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { createIvrRunner } from '../../src/server/phone-line/ivr-runner.ts';
import { loadCallKnowledge } from '../../src/server/phone-line/load-call-knowledge.ts';
import { demoKnowledge } from '../../src/server/demo/demo-knowledge.ts';
import type { TIvrPromptItem } from '../../src/server/ivr/ivr-types.ts';

const newSummary = 'Desenchufe la lavadora, vacíe el agua por el tubo de emergencia y después desenrosque el filtro de la bomba.';

for (const kind of testDatabaseKinds()) {
  describe(`knowledge base on ${kind}`, () => {
    let desk: TestDesk;
    let admin: ApiClient;
    let operator: ApiClient;
    let tenantId: string;
    let articleId: string;

    before(async () => {
      desk = await createTestDesk(kind, { demo: true });
      admin = await desk.signIn('admin@demo.local');
      operator = await desk.signIn('operator@demo.local');
      const tenant = await desk.services.tenants.findTenantByBillingCode('MARTINEZ');
      tenantId = tenant!.id;
      const list = await operator.get(`/api/v1/knowledge/entries?tenantId=${tenantId}`);
      articleId = list.body.items.find((e: { slug: string }) => e.slug === 'lavadora-filtro').id;
    });
    after(() => desk.close());

    /** What the phone line says on option 3 → 1 → 1, through the real runner and the published content. */
    async function spokenOnSelfHelp(): Promise<string[]> {
      const protocol = await desk.services.protocols.findInForce(tenantId);
      const knowledge = await loadCallKnowledge(desk.services.knowledge, tenantId, 'es', protocol!.flow!);
      const said: string[] = [];
      const runner = createIvrRunner(protocol!.flow!, { language: 'es', intakeSchema: protocol!.intakeSchema, isOpen: true, knowledge }, {
        play: (prompt: TIvrPromptItem[]) => {
          said.push(prompt.map((p) => (p.kind === 'tts' ? p.text : '')).join(' '));
          return { done: Promise.resolve('finished' as const), stop: () => undefined };
        },
        setTimer: () => () => undefined,
        identifyCaller: async () => null,
        lookupCase: async () => undefined,
        createCase: async () => ({ reference: '0', duplicate: false }),
        record: () => ({ stop: () => undefined, done: new Promise(() => undefined) }),
        transfer: async () => false,
        hangup: () => undefined,
        onProgress: () => undefined,
        onError: (error) => assert.fail(String(error)),
      });
      runner.start();
      for (const key of ['3', '1', '1']) {
        await tick();
        runner.digit(key);
      }
      await tick();
      return said;
    }

    const portalSummary = async () =>
      (await desk.anonymous.get('/api/v1/portal/martinez/articles/lavadora-filtro')).body.content.variants.es.summary as string;
    const consoleSearch = async (q: string) =>
      (await operator.get(`/api/v1/knowledge/search?tenantId=${tenantId}&q=${encodeURIComponent(q)}`)).body.items as { slug: string; summary: string }[];

    test('the one-edit test: publishing a new version changes what the phone says, the portal shows and the console finds', async () => {
      const oldSummary = demoKnowledge.filterArticle.variants.es!.summary;
      assert.ok((await spokenOnSelfHelp()).at(-1)!.includes(oldSummary));
      assert.equal(await portalSummary(), oldSummary);
      assert.deepEqual((await consoleSearch('tubo emergencia')).map((h) => h.slug), []);

      const content = structuredClone(demoKnowledge.filterArticle);
      content.variants.es!.summary = newSummary;
      const draft = await admin.request('PUT', `/api/v1/knowledge/entries/${articleId}/draft`, { content, note: 'Emergency hose first' });
      assert.equal(draft.status, 200, JSON.stringify(draft.body));
      assert.equal(draft.body.status, 'changed');
      // A draft changes nothing anyone is served.
      assert.ok((await spokenOnSelfHelp()).at(-1)!.includes(oldSummary));
      assert.equal(await portalSummary(), oldSummary);

      const published = await admin.post(`/api/v1/knowledge/entries/${articleId}/publish`, { version: draft.body.latestVersion });
      assert.equal(published.status, 200, JSON.stringify(published.body));
      const said = (await spokenOnSelfHelp()).at(-1)!;
      assert.ok(said.includes(newSummary), said);
      assert.ok(!said.includes(oldSummary));
      assert.equal(await portalSummary(), newSummary);
      const hits = await consoleSearch('tubo emergencia');
      assert.deepEqual(hits.map((h) => [h.slug, h.summary]), [['lavadora-filtro', newSummary]]);
    });

    test('history says who changed what and when; only one version is published', async () => {
      const history = await operator.get(`/api/v1/knowledge/entries/${articleId}/history`);
      assert.equal(history.status, 200);
      const [latest, first] = history.body.items;
      assert.equal(latest.status, 'published');
      assert.equal(latest.authorName, 'Marta Martínez');
      assert.equal(latest.publishedBy, 'Marta Martínez');
      assert.equal(latest.note, 'Emergency hose first');
      assert.deepEqual(latest.changes, ['variants.es.summary']);
      assert.equal(first.status, 'superseded');
      assert.deepEqual(first.changes, ['created']);
    });

    test('search folds accents and case, and a tenant search includes the desk-wide knowledge', async () => {
      assert.deepEqual((await consoleSearch('DESAGÜE')).map((h) => h.slug), ['autodiagnostico']);
      assert.deepEqual((await consoleSearch('desague')).map((h) => h.slug), ['autodiagnostico']);
      assert.deepEqual((await consoleSearch('Désenchúf')).map((h) => h.slug), ['lavadora-filtro']);
      const shared = await admin.post('/api/v1/knowledge/entries', {
        tenantId: null, kind: 'article', slug: 'seguridad-electrica',
        content: { variants: { es: { title: 'Seguridad eléctrica', summary: 'Nunca abra un aparato enchufado.', body: 'Desenchufe siempre.' } } },
      });
      assert.equal(shared.status, 201, JSON.stringify(shared.body));
      assert.deepEqual(await consoleSearch('nunca abra'), []);
      await admin.post(`/api/v1/knowledge/entries/${shared.body.id}/publish`, { version: 1 });
      const hits = await consoleSearch('nunca abra');
      assert.deepEqual(hits.map((h) => [h.slug, (h as unknown as { deskWide: boolean }).deskWide]), [['seguridad-electrica', true]]);
    });

    test('operators read but do not write; other tenants’ entries are 404; only desk-wide admins write shared entries', async () => {
      const write = await operator.request('PUT', `/api/v1/knowledge/entries/${articleId}/draft`, { content: demoKnowledge.filterArticle });
      assert.equal(write.status, 403);
      const other = await desk.createTenant('Otra', 'OTRA');
      await desk.createUser('admin@otra.local', 'admin', [other.id]);
      const otherAdmin = await desk.signIn('admin@otra.local');
      assert.equal((await otherAdmin.get(`/api/v1/knowledge/entries/${articleId}`)).status, 404);
      assert.equal((await otherAdmin.get(`/api/v1/knowledge/search?tenantId=${tenantId}&q=filtro`)).status, 404);
      assert.deepEqual((await otherAdmin.get(`/api/v1/knowledge/search?tenantId=${other.id}&q=filtro`)).body.items, []);
      const shared = await otherAdmin.post('/api/v1/knowledge/entries', {
        tenantId: null, kind: 'article', slug: 'x', content: { variants: { es: { title: 'x', summary: 'x', body: '' } } },
      });
      assert.equal(shared.status, 403);
    });

    test('bad content is refused naming the field; a tree must lead to published articles and valid intake', async () => {
      const bad = await admin.post('/api/v1/knowledge/entries', {
        tenantId, kind: 'article', slug: 'Bad Slug', content: { variants: { es: { title: '', summary: 'ok', body: '' } } },
      });
      assert.equal(bad.status, 400);
      const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
      assert.ok(paths.includes('slug'), paths.join());
      const badContent = await admin.post('/api/v1/knowledge/entries', {
        tenantId, kind: 'article', slug: 'ok-slug', content: { variants: { es: { title: '', summary: 'ok', body: '' } } },
      });
      assert.deepEqual(badContent.body.error.fields, [{ path: 'content.variants.es.title', message: 'Too small: expected string to have >=1 characters' }]);
      const tree = structuredClone(demoKnowledge.selfDiagnosis);
      tree.nodes.problem!.answers[0]!.intake = { appliance: 'toaster' };
      tree.nodes.problem!.answers[1]!.solution = 'not-there';
      const created = await admin.post('/api/v1/knowledge/entries', { tenantId, kind: 'tree', slug: 'arbol-malo', content: tree });
      assert.equal(created.status, 201);
      const publish = await admin.post(`/api/v1/knowledge/entries/${created.body.id}/publish`, { version: 1 });
      assert.equal(publish.status, 400);
      const fields = publish.body.error.fields.map((f: { path: string; message: string }) => `${f.path}: ${f.message}`);
      assert.ok(fields.some((f: string) => f.includes("no published article 'not-there'")), fields.join());
      assert.ok(fields.some((f: string) => f.startsWith('content.nodes.problem.answers.0.intake.appliance')), fields.join());
    });

    test('measures: views and resolutions per entry and channel, for the tenant’s staff only', async () => {
      await desk.anonymous.get('/api/v1/portal/martinez/trees/autodiagnostico');
      const feedback = await desk.anonymous.post('/api/v1/portal/martinez/feedback', { slug: 'autodiagnostico', outcome: 'resolved' });
      assert.equal(feedback.status, 204, JSON.stringify(feedback.body));
      const range = `tenantId=${tenantId}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`;
      const measures = await admin.get(`/api/v1/knowledge/measures?${range}`);
      assert.equal(measures.status, 200, JSON.stringify(measures.body));
      const tree = measures.body.items.find((m: { slug: string; channel: string }) => m.slug === 'autodiagnostico' && m.channel === 'portal');
      assert.deepEqual({ views: tree.views, resolutions: tree.resolutions, escalations: tree.escalations }, { views: 1, resolutions: 1, escalations: 0 });
      const article = measures.body.items.find((m: { slug: string; channel: string }) => m.slug === 'lavadora-filtro' && m.channel === 'portal');
      assert.equal(article.views, 3, JSON.stringify(article));
      const otherAdmin = await desk.signIn('admin@otra.local');
      assert.equal((await otherAdmin.get(`/api/v1/knowledge/measures?${range}`)).status, 404);
      const backwards = await admin.get(`/api/v1/knowledge/measures?tenantId=${tenantId}&from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.fields[0].path, 'to');
    });

    test('an operator sends the published article to the caller by SMS through the outbox', async () => {
      const sent = await operator.post('/api/v1/knowledge/articles/lavadora-filtro/send', { tenantId, channel: 'sms', to: '611 22 33 44' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const [row] = await desk.services.db.query<{ recipient: string; body: string }>('select recipient, body from notifications where id = $1', [sent.body.notificationId]);
      assert.equal(row!.recipient, '+34611223344');
      assert.ok(row!.body.includes(newSummary.slice(0, 40)), row!.body);
      assert.match(row!.body, /\/portal\/martinez\/articles\/lavadora-filtro\?lang=es$/);
      const bad = await operator.post('/api/v1/knowledge/articles/lavadora-filtro/send', { tenantId, channel: 'sms', to: 'not a phone' });
      assert.deepEqual(bad.body.error.fields, [{ path: 'to', message: 'not a valid phone number' }]);
    });
  });
}
