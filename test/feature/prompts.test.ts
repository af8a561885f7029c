import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { writeWav } from '../../src/server/telephony/media/wav.ts';
import { generateTone } from '../../src/server/telephony/media/tone-generator.ts';
import { createPromptRenderer } from '../../src/server/phone-line/prompt-renderer.ts';
import { decodeMuLaw } from '../../src/server/telephony/media/g711.ts';

const wav = (seconds: number, rate = 16000) => writeWav(generateTone([440], seconds * 1000, { sampleRate: rate }), rate);

for (const kind of testDatabaseKinds()) {
  describe(`recorded prompts on ${kind}`, () => {
    let desk: TestDesk;
    let admin: ApiClient;
    let otherAdmin: ApiClient;
    let tenantId: string;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      const other = (await desk.createTenant('Tenant B', 'TB')).id;
      await desk.createUser('admin@a.local', 'admin', [tenantId]);
      await desk.createUser('admin@b.local', 'admin', [other]);
      admin = await desk.signIn('admin@a.local');
      otherAdmin = await desk.signIn('admin@b.local');
    });
    after(() => desk.close());

    test('a WAV is validated, converted and listed; flows can play it', async () => {
      const res = await admin.request('POST', `/api/v1/tenants/${tenantId}/prompts?name=greeting`, wav(2), { 'content-type': 'audio/wav' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.name, 'greeting');
      assert.ok(Math.abs(res.body.durationMs - 2000) < 30);
      const list = (await admin.get(`/api/v1/tenants/${tenantId}/prompts`)).body.items;
      assert.deepEqual(list.map((p: { id: string }) => p.id), [res.body.id]);
      const render = createPromptRenderer(
        { render: async () => { throw new Error('no speech expected'); }, renderDigits: async () => { throw new Error('no digits expected'); }, close: async () => {} },
        async (id) => {
          const row = await desk.services.calls.findRecording(id);
          return row ? decodeMuLaw(new Uint8Array(row.audio)) : undefined;
        },
      );
      const audio = await render([{ kind: 'audio', id: res.body.id }]);
      assert.equal(audio.pcmu.length, 100, '2 s of 20 ms frames');
    });

    test('bad files are refused with the reason, nothing stored', async () => {
      const before = await desk.count('recordings');
      const cases: [Uint8Array, string, RegExp][] = [
        [new TextEncoder().encode('not a wav at all'), 'audio/wav', /not-wav/],
        [wav(121, 8000), 'audio/wav', /too-long/],
        [wav(1, 96000), 'audio/wav', /unsupported-sample-rate/],
      ];
      for (const [body, type, reason] of cases) {
        const res = await admin.request('POST', `/api/v1/tenants/${tenantId}/prompts?name=x`, body, { 'content-type': type });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.match(res.body.error.fields[0].message, reason);
      }
      assert.equal((await admin.request('POST', `/api/v1/tenants/${tenantId}/prompts?name=x`, wav(1), { 'content-type': 'application/json' })).status, 415);
      assert.equal((await admin.request('POST', `/api/v1/tenants/${tenantId}/prompts`, wav(1), { 'content-type': 'audio/wav' })).status, 400);
      assert.equal((await otherAdmin.request('POST', `/api/v1/tenants/${tenantId}/prompts?name=x`, wav(1), { 'content-type': 'audio/wav' })).status, 404);
      assert.equal(await desk.count('recordings'), before);
    });
  });
}
