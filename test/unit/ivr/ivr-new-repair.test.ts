import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playsIn, startCall, typesOf } from './ivr-call.ts';

const customer = {
  name: 'Ana García',
  assets: [
    { id: 'asset-1', applianceType: 'washing_machine', brand: 'Bosch' },
    { id: 'asset-2', applianceType: 'boiler', brand: 'Vaillant' },
  ],
  sites: [{ id: 'site-1', label: 'Casa' }],
};

/** Greeting heard, "1" pressed during the main menu: the engine is asking the desk who is calling. */
function newRepairCall() {
  const call = startCall();
  call.finishPrompt();
  assert.deepEqual(typesOf(call.press('1')), ['stop_playback', 'identify_caller']);
  return call;
}

test('a new repair: the case is created with the typed intake, and only then its reference is read digit by digit', () => {
  const call = newRepairCall();
  const appliance = call.send({ type: 'caller_identified', customer: null });
  assert.deepEqual(playsIn(appliance), [
    '¿Qué aparato se ha averiado? Para lavadora, pulse 1. Para lavavajillas, pulse 2. Para frigorífico, pulse 3. ' +
      'Para horno, pulse 4. Para caldera, pulse 5. Para otro, pulse 9.',
  ]);
  call.press('1');
  assert.match(playsIn([call.lastPlay()])[0] ?? '', /garantía\? Si la respuesta es sí, pulse 1; si es no, pulse 2\./);
  call.press('2');
  const beforeCase = call.press('2');
  const create = beforeCase.find((c) => c.type === 'create_case');
  assert.deepEqual(create, { type: 'create_case', intake: { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' } });
  assert.equal(beforeCase.some((c) => c.type === 'play'), false, 'nothing is said before the desk commits the case');

  // Keys and stray events while the desk works change nothing.
  assert.deepEqual(call.press('5'), []);
  assert.deepEqual(call.send({ type: 'case_found', reference: '12345674', status: 'new' }), []);

  const created = call.send({ type: 'case_created', reference: '12345674', duplicate: false });
  assert.deepEqual(created, [
    {
      type: 'play',
      playId: call.lastPlay().playId,
      bargeIn: false,
      prompt: [
        { kind: 'tts', language: 'es', text: 'Su avería ha quedado registrada con la referencia' },
        { kind: 'digits', language: 'es', digits: '12345674' },
      ],
    },
  ]);
  assert.deepEqual(call.press('9'), [], 'the reference cannot be cut short');
  assert.deepEqual(playsIn(call.finishPrompt()), ['Para repetir la referencia, pulse 1.']);
  call.finishPrompt();
  assert.deepEqual(playsIn(call.press('1')), ['Su avería ha quedado registrada con la referencia <1 2 3 4 5 6 7 4>']);
  call.finishPrompt();
  call.finishPrompt();
  assert.deepEqual(playsIn(call.fireTimer()), ['Gracias por llamar a Reparaciones Martínez. Adiós.']);
  assert.deepEqual(call.finishPrompt(), [{ type: 'outcome', outcome: 'case_created' }, { type: 'hangup' }]);
  assert.deepEqual(
    call.state.path.map((s) => `${s.node}=${s.result}`),
    [
      'hours=open',
      'greeting=played',
      'main_menu=pressed:1',
      'caller=unknown',
      'appliance=value:washing_machine',
      'warranty=value:false',
      'urgency=value:normal',
      'new_case=created:12345674',
      'goodbye=hangup',
    ],
  );
  assert.equal(call.state.digits, '1122' + '59' + '1');
});

test('the reference is offered again only as many times as the node allows', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer: null });
  call.press('122');
  call.send({ type: 'case_created', reference: '12345674', duplicate: false });
  for (let i = 0; i < 2; i += 1) {
    call.finishPrompt();
    call.press('1');
  }
  assert.deepEqual(playsIn(call.finishPrompt()), ['Gracias por llamar a Reparaciones Martínez. Adiós.']);
});

test('a duplicate order is told the reference of the case already open', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer: null });
  call.press('512');
  const said = call.send({ type: 'case_created', reference: '44441112', duplicate: true });
  assert.deepEqual(playsIn(said), ['Ya tenemos abierta su avería con la referencia <4 4 4 4 1 1 1 2>']);
  call.finishPrompt();
  call.press('2');
  call.finishPrompt();
  assert.deepEqual(call.log.at(-2), { type: 'outcome', outcome: 'duplicate_linked' });
});

test('a known caller picks a registered appliance: the appliance question is skipped and the asset goes with the case', () => {
  const call = newRepairCall();
  const offer = call.send({ type: 'caller_identified', customer });
  assert.deepEqual(playsIn(offer), [
    'Hola, Ana García. ¿Llama por alguno de sus aparatos registrados? Para su lavadora Bosch, pulse 1. ' +
      'Para su caldera Vaillant, pulse 2. Para otro aparato, pulse 9.',
  ]);
  call.press('2');
  assert.match(playsIn([call.lastPlay()])[0] ?? '', /^¿Está el aparato en garantía\?/);
  const create = call.press('11').find((c) => c.type === 'create_case');
  assert.deepEqual(create, {
    type: 'create_case',
    intake: { appliance: 'boiler', underWarranty: true, urgency: 'urgent' },
    assetId: 'asset-2',
  });
  assert.deepEqual(
    call.state.path.slice(3, 5).map((s) => `${s.node}=${s.result}`),
    ['caller=asset:asset-2', 'appliance=already_known'],
  );
});

test('a known caller calling about another appliance is asked for it as usual', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer });
  const next = call.press('9');
  assert.match(playsIn(next)[0] ?? '', /^¿Qué aparato se ha averiado\?/);
  assert.equal(call.state.assetId, null);
});

test('when the desk cannot create the case the caller is told and put through to an operator', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer: null });
  call.press('122');
  assert.deepEqual(playsIn(call.send({ type: 'case_failed' })), ['Lo sentimos, en este momento no hemos podido registrar su avería.']);
  const transfer = call.finishPrompt();
  assert.deepEqual(playsIn(transfer), ['Le pasamos con un operador. Espere un momento, por favor.']);
  assert.deepEqual(call.finishPrompt(), [
    { type: 'outcome', outcome: 'transferred' },
    { type: 'transfer', queue: 'default', intake: { appliance: 'washing_machine', underWarranty: false, urgency: 'normal' } },
  ]);
});

test('a caller who hangs up while the case is being created still gets the case recorded as the outcome', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer: null });
  call.press('122');
  assert.deepEqual(call.send({ type: 'hangup' }), [{ type: 'outcome', outcome: 'abandoned' }]);
  assert.deepEqual(call.send({ type: 'case_created', reference: '12345674', duplicate: false }), [
    { type: 'outcome', outcome: 'case_created' },
  ]);
  assert.deepEqual(call.send({ type: 'digit', digit: '1' }), [], 'nothing happens after the end');
});

test('0 at a later question reaches an operator at once, with what the caller already answered', () => {
  const call = newRepairCall();
  call.send({ type: 'caller_identified', customer: null });
  call.press('5');
  const transfer = call.press('0');
  assert.deepEqual(playsIn(transfer), ['Le pasamos con un operador. Espere un momento, por favor.']);
  assert.deepEqual(call.state.path.at(-2), { node: 'warranty', result: 'operator_key' });
  assert.deepEqual(call.finishPrompt(), [
    { type: 'outcome', outcome: 'transferred' },
    { type: 'transfer', queue: 'default', intake: { appliance: 'boiler' } },
  ]);
});
