import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIvrState, step } from '../../../src/server/ivr/ivr-engine.ts';
import { demoIvrFlow } from '../../../src/server/ivr/demo-flow.ts';
import { demoIntakeSchema } from '../../../src/server/demo/demo-protocol.ts';
import { ZIvrFlow } from '../../../src/shared/ivr-flow.ts';
import { playsIn, startCall, typesOf } from './ivr-call.ts';

const mainMenu =
  'Para comunicar una nueva avería, pulse 1. Para conocer el estado de una avería, pulse 2. ' +
  'Para escuchar consejos que pueden resolver el problema, pulse 3. Para hablar con un operador, pulse 0 en cualquier momento.';

test('an invalid key, then silence, then silence again: notices, the menu again, then the operator and voicemail', () => {
  const call = startCall();
  call.finishPrompt();
  assert.deepEqual(playsIn(call.press('7')), [`Opción no válida. ${mainMenu}`]);
  assert.deepEqual(typesOf(call.finishPrompt()), ['start_timer']);
  assert.deepEqual(playsIn(call.fireTimer()), [`No hemos recibido ninguna respuesta. ${mainMenu}`]);
  call.finishPrompt();
  assert.deepEqual(playsIn(call.fireTimer()), ['Le pasamos con un operador. Espere un momento, por favor.']);
  assert.deepEqual(call.state.path.at(-2), { node: 'main_menu', result: 'fallback', failures: 3 });

  assert.deepEqual(call.finishPrompt(), [
    { type: 'outcome', outcome: 'transferred' },
    { type: 'transfer', queue: 'default', intake: {} },
  ]);
  const voicemail = call.send({ type: 'transfer_failed' });
  assert.equal(voicemail.length, 1);
  assert.deepEqual(voicemail[0]?.type === 'play' && voicemail[0].prompt.at(-1), { kind: 'beep' });
  assert.equal(voicemail[0]?.type === 'play' && voicemail[0].bargeIn, false);
  assert.deepEqual(call.press('5'), [], 'the voicemail greeting is heard to the beep');
  assert.deepEqual(call.finishPrompt(), [{ type: 'record', maxSeconds: 120, silenceSeconds: 5 }]);
  assert.deepEqual(call.press('#'), [{ type: 'stop_recording' }]);
  assert.deepEqual(call.press('#'), []);
  assert.deepEqual(playsIn(call.send({ type: 'recording_done', recordingId: 'rec-1', seconds: 12 })), [
    'Gracias. Le llamaremos lo antes posible. Adiós.',
  ]);
  assert.deepEqual(call.finishPrompt(), [{ type: 'outcome', outcome: 'voicemail' }, { type: 'hangup' }]);
  assert.deepEqual(
    call.state.path.map((s) => `${s.node}=${s.result}`),
    ['hours=open', 'greeting=played', 'main_menu=fallback', 'operator=transfer_failed', 'voicemail=recorded', 'voicemail_goodbye=hangup'],
  );
  assert.equal(call.state.digits, '75##');
});

test('a caller who hangs up in the menu is recorded as abandoned and no case is created', () => {
  const call = startCall();
  call.finishPrompt();
  call.finishPrompt();
  const timer = call.activeTimer();
  assert.deepEqual(call.send({ type: 'hangup' }), [
    { type: 'cancel_timer', timerId: timer },
    { type: 'outcome', outcome: 'abandoned' },
  ]);
  assert.equal(call.log.some((c) => c.type === 'create_case'), false);
  assert.deepEqual(call.state.path.at(-1), { node: 'main_menu', result: 'abandoned' });
  assert.deepEqual(call.press('1'), []);
  assert.deepEqual(call.send({ type: 'timeout', timerId: timer ?? '' }), []);
});

test('hanging up during the goodbye is how calls end, not an abandoned call', () => {
  const flow = ZIvrFlow.parse({ version: 1, start: 'bye', nodes: { bye: { type: 'hangup', prompt: { text: { es: 'Adiós.' } } } } });
  const call = startCall({ flow });
  assert.deepEqual(call.send({ type: 'hangup' }), [{ type: 'outcome', outcome: 'completed' }]);
  assert.deepEqual(call.state.path, [{ node: 'bye', result: 'hangup' }]);

  const fallback = startCall();
  fallback.finishPrompt();
  for (let i = 0; i < 3; i += 1) {
    fallback.finishPrompt();
    fallback.fireTimer();
  }
  fallback.finishPrompt();
  fallback.send({ type: 'transfer_failed' });
  fallback.finishPrompt();
  fallback.send({ type: 'recording_done', recordingId: 'rec-2', seconds: 0 });
  assert.deepEqual(fallback.send({ type: 'hangup' }), [{ type: 'outcome', outcome: 'completed' }]);
});

test('barge-in: a key during the greeting stops it and answers the main menu without playing it', () => {
  const call = startCall();
  const commands = call.press('2');
  assert.equal(commands[0]?.type, 'stop_playback');
  assert.deepEqual(playsIn(commands), ['Marque el número de referencia de su avería y, al terminar, pulse la tecla almohadilla.']);
  assert.equal(playsIn(call.log).includes(mainMenu), false);
  assert.deepEqual(
    call.state.path.map((s) => `${s.node}=${s.result}`),
    ['hours=open', 'greeting=interrupted', 'main_menu=pressed:2', 'status=undefined'],
  );
});

test('type-ahead: keys pressed during the greeting and the caller look-up answer the following menus', () => {
  const call = startCall();
  call.press('11');
  assert.equal(call.state.typeAhead, '1', 'the second key waits for the appliance menu');
  const next = call.send({ type: 'caller_identified', customer: null });
  assert.deepEqual(playsIn(next), ['¿Está el aparato en garantía? Si la respuesta es sí, pulse 1; si es no, pulse 2.']);
  assert.equal(call.state.intake.appliance, 'washing_machine');
  assert.equal(call.state.typeAhead, '');
});

test('a stale timer or a stopped prompt finishing late changes nothing', () => {
  const call = startCall();
  const greeting = call.lastPlay().playId;
  call.finishPrompt();
  call.finishPrompt();
  const noInput = call.activeTimer() ?? '';
  call.press('7');
  const before = structuredClone(call.state);
  assert.deepEqual(call.send({ type: 'timeout', timerId: noInput }), []);
  assert.deepEqual(call.send({ type: 'prompt_finished', playId: greeting }), []);
  assert.deepEqual(call.state, before);
});

test('every timer and play id is new, so late events can be told apart', () => {
  const call = startCall();
  call.finishPrompt();
  call.press('7');
  call.finishPrompt();
  call.fireTimer();
  call.finishPrompt();
  const ids = call.log.flatMap((c) => (c.type === 'play' ? [c.playId] : c.type === 'start_timer' ? [c.timerId] : []));
  assert.equal(new Set(ids).size, ids.length);
});

test('step never changes the state it is given', () => {
  const context = { language: 'es' as const, intakeSchema: demoIntakeSchema, isOpen: true };
  const first = step(demoIvrFlow, context, createIvrState(), { type: 'start' });
  const frozen = JSON.stringify(first.state);
  const second = step(demoIvrFlow, context, first.state, { type: 'digit', digit: '1' });
  assert.equal(JSON.stringify(first.state), frozen);
  assert.notEqual(second.state, first.state);
});

test('out of hours: the closed message, then voicemail; hanging up while recording still leaves the message', () => {
  const call = startCall({ context: { isOpen: false } });
  assert.deepEqual(playsIn(call.log), [
    'Gracias por llamar a Reparaciones Martínez. En este momento estamos fuera de nuestro horario de atención.',
  ]);
  call.finishPrompt();
  call.finishPrompt();
  assert.equal(call.log.at(-1)?.type, 'record');
  assert.deepEqual(call.send({ type: 'hangup' }), [{ type: 'outcome', outcome: 'abandoned' }]);
  assert.deepEqual(call.send({ type: 'recording_done', recordingId: 'rec-9', seconds: 8 }), [
    { type: 'outcome', outcome: 'voicemail' },
  ]);
});

test('self-help without a published tree hands the caller to the operator', () => {
  const call = startCall();
  call.finishPrompt();
  assert.deepEqual(playsIn(call.press('3')), ['Le pasamos con un operador. Espere un momento, por favor.']);
  assert.deepEqual(call.state.path.find((s) => s.node === 'self_help'), { node: 'self_help', result: 'missing' });
});

test('English callers hear the English texts', () => {
  const call = startCall({ context: { language: 'en' } });
  assert.deepEqual(playsIn(call.log), ['Welcome to Reparaciones Martínez, appliance repair service.']);
  call.press('1');
  assert.match(playsIn(call.send({ type: 'caller_identified', customer: null }))[0] ?? '', /For washing machine, press 1\./);
});
