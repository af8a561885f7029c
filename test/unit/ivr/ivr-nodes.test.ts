import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TIntakeSchema } from '../../../src/shared/intake-schema.ts';
import { ZIvrFlow, type TIvrFlowInput } from '../../../src/shared/ivr-flow.ts';
import { playsIn, startCall } from './ivr-call.ts';

const intakeSchema: TIntakeSchema = {
  fields: [
    { key: 'units', type: 'number', required: true, min: 1, max: 50, labels: { es: 'Número de aparatos.' } },
    { key: 'bought', type: 'date', required: true, labels: { es: 'Fecha de compra.' } },
  ],
};

function flowOf(nodes: TIvrFlowInput['nodes'], start = Object.keys(nodes)[0] ?? '') {
  return ZIvrFlow.parse({ version: 1, start, nodes });
}

const bye = { type: 'hangup' } as const;

test('gather: digits up to the terminator go into the variable, which later prompts can speak', () => {
  const flow = flowOf({
    ask: { type: 'gather', prompt: { text: { es: 'Marque su código.' } }, variable: 'code', minDigits: 3, next: 'tell' },
    tell: { type: 'say', prompt: { text: { es: 'Ha marcado {code}, {customerName}.' } }, next: 'bye' },
    bye,
  });
  const call = startCall({ flow, context: { variables: { customerName: 'Ana' } } });
  call.press('12');
  assert.deepEqual(playsIn(call.press('3#')), ['Ha marcado 123, Ana.']);
  assert.equal(call.state.variables.code, '123');
});

test('say without barge-in: keys are recorded but neither stop the prompt nor carry over', () => {
  const flow = flowOf({
    notice: { type: 'say', prompt: { text: { es: 'Aviso legal.' } }, bargeIn: false, next: 'menu' },
    menu: { type: 'menu', prompt: { text: { es: 'Pulse 1.' } }, options: { '1': 'bye' } },
    bye,
  });
  const call = startCall({ flow });
  assert.deepEqual(call.press('1'), []);
  assert.deepEqual(playsIn(call.finishPrompt()), ['Pulse 1.']);
  assert.equal(call.state.digits, '1');
});

test('collect_field: numbers end with # and respect min/max; dates are keyed DDMMYYYY and stored as ISO dates', () => {
  const flow = flowOf({
    units: { type: 'collect_field', field: 'units', next: 'bought' },
    bought: { type: 'collect_field', field: 'bought', next: 'bye' },
    bye,
  });
  const call = startCall({ flow, context: { intakeSchema } });
  assert.deepEqual(playsIn(call.log), ['Número de aparatos. Marque el número y pulse la tecla almohadilla.']);
  assert.match(playsIn(call.press('99#'))[0] ?? '', /^Opción no válida\. Número de aparatos/);
  assert.match(playsIn(call.press('2#'))[0] ?? '', /^Fecha de compra\. Marque la fecha/);
  assert.match(playsIn(call.press('31022024'))[0] ?? '', /^Opción no válida/, '31 February does not exist');
  call.press('29022024');
  assert.deepEqual(call.state.intake, { units: 2, bought: '2024-02-29' });
});

test('a node without a fallback apologises and hangs up when the retries run out', () => {
  const flow = flowOf({
    menu: { type: 'menu', prompt: { text: { es: 'Pulse 1.' } }, options: { '1': 'bye' }, retries: 0 },
    bye,
  });
  const call = startCall({ flow });
  assert.deepEqual(playsIn(call.press('4')), ['Lo sentimos, no hemos podido atender su llamada. Adiós.']);
  assert.deepEqual(call.finishPrompt(), [{ type: 'outcome', outcome: 'fallback_hangup' }, { type: 'hangup' }]);
});

test('nodes that never wait cannot spin for ever', () => {
  const flow = flowOf({
    a: { type: 'business_hours', open: 'b', closed: 'b' },
    b: { type: 'business_hours', open: 'a', closed: 'a' },
  });
  const call = startCall({ flow });
  assert.deepEqual(call.log.slice(-2), [{ type: 'outcome', outcome: 'fallback_hangup' }, { type: 'hangup' }]);
});

test('prompts: audio parts, the call language falling back to another text, and unknown placeholders left silent', () => {
  const flow = flowOf({
    hello: {
      type: 'say',
      prompt: [{ audio: 'welcome-tune' }, { text: { es: 'Hola {nobody}.', en: 'Hello.' } }, { text: { en: 'Only English.' } }],
      next: 'bye',
    },
    bye,
  });
  const call = startCall({ flow, context: { language: 'ca' } });
  assert.deepEqual(call.lastPlay().prompt, [
    { kind: 'audio', id: 'welcome-tune' },
    { kind: 'tts', language: 'es', text: 'Hola.' },
    { kind: 'tts', language: 'en', text: 'Only English.' },
  ]);
});

test('a hangup node with nothing achieved ends the call as completed', () => {
  const call = startCall({ flow: flowOf({ bye }) });
  assert.deepEqual(call.log, [{ type: 'outcome', outcome: 'completed' }, { type: 'hangup' }]);
});
