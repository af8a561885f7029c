import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCallRepository } from '../../../src/server/calls/call-repository.ts';
import { createTestDesk, type TestDesk } from '../../support/test-desk.ts';
import { testDatabaseKinds } from '../../support/test-database.ts';

for (const kind of testDatabaseKinds()) {
  describe(`recordings of operators' calls (${kind})`, () => {
    let desk: TestDesk;
    before(async () => {
      desk = await createTestDesk(kind, { demo: true });
    });
    after(() => desk?.close());

    test('a bridged call is stored with kind call; an unknown kind is still refused', async () => {
      const tenant = (await desk.services.db.query<{ id: string }>('select id from tenants limit 1'))[0]!;
      const repository = createCallRepository(desk.services.db);
      const id = await repository.insertRecording({
        tenantId: tenant.id, callId: null, caseId: null, kind: 'call', encoding: 'pcmu', sampleRate: 8000, durationMs: 20,
        audio: Buffer.alloc(160, 0xff), name: 'queue-call:test',
      });
      assert.equal((await repository.findRecording(id))?.durationMs, 20);
      await assert.rejects(
        desk.services.db.query(`insert into recordings (tenant_id, kind, encoding, sample_rate, duration_ms, audio) values ($1, 'other', 'pcmu', 8000, 0, '\\x00')`, [tenant.id]),
        /recordings_kind_check/,
      );
    });
  });
}
