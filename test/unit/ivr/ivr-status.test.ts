import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dammCheckDigit } from '../../../src/server/cases/reference-number.ts';
import { playsIn, startCall, typesOf } from './ivr-call.ts';

const body = '1234567';
const reference = body + String(dammCheckDigit(body));
const wrongCheck = body + String((dammCheckDigit(body) + 1) % 10);
const statusPrompt = 'Marque el número de referencia de su avería y, al terminar, pulse la tecla almohadilla.';

function statusCall(language: 'es' | 'ca' | 'en' = 'es') {
  const call = startCall({ context: { language } });
  call.finishPrompt();
  call.press('2');
  call.finishPrompt();
  return call;
}

test('status: the reference followed by # is looked up and its status spoken in words', () => {
  const call = statusCall();
  assert.equal(playsIn([call.lastPlay()])[0], statusPrompt);
  const digits = call.press(reference);
  assert.deepEqual(typesOf(digits), Array(reference.length).fill(['cancel_timer', 'start_timer']).flat(), 'each digit restarts the inter-digit timer');
  const interDigit = call.activeTimer();
  assert.deepEqual(call.press('#'), [{ type: 'cancel_timer', timerId: interDigit }, { type: 'lookup_case', reference }]);
  const said = call.send({ type: 'case_found', reference, status: 'en_route' });
  assert.deepEqual(playsIn(said), [`Su avería con referencia <${[...reference].join(' ')}> está en curso: el técnico va de camino.`]);
  assert.deepEqual(playsIn(call.finishPrompt()), ['Para volver al menú principal, pulse 1. Para terminar la llamada, pulse 2.']);
  assert.match(playsIn(call.press('1'))[0] ?? '', /^Para comunicar una nueva avería/);
  assert.equal(call.state.path.find((s) => s.node === 'status')?.result, 'found:en_route');
  call.finishPrompt();
  call.press('2');
  call.finishPrompt();
  call.press(reference + '#');
  call.send({ type: 'case_not_found' });
  assert.equal(call.state.outcome, 'status_given', 'the status given earlier in the call still counts');
});

test('status: a wrong check digit is caught by the engine and the caller is asked again', () => {
  const call = statusCall();
  const retry = call.press(wrongCheck + '#');
  assert.equal(retry.some((c) => c.type === 'lookup_case'), false);
  assert.deepEqual(playsIn(retry), [`La referencia no es correcta. ${statusPrompt}`]);
  call.finishPrompt();
  assert.deepEqual(call.press(reference + '#').at(-1), { type: 'lookup_case', reference });
  assert.equal(call.state.path.at(-1)?.node, 'status');
});

test('status: a reference the desk rejects or cannot find is asked again, then the caller goes back to the main menu', () => {
  const call = statusCall();
  call.press(reference + '#');
  assert.deepEqual(playsIn(call.send({ type: 'reference_invalid' })), [`La referencia no es correcta. ${statusPrompt}`]);
  call.press(reference + '#');
  assert.deepEqual(playsIn(call.send({ type: 'case_not_found' })), [
    `No encontramos ninguna avería con esa referencia. ${statusPrompt}`,
  ]);
  call.press(reference + '#');
  const back = call.send({ type: 'case_not_found' });
  assert.match(playsIn(back)[0] ?? '', /^Para comunicar una nueva avería/);
  assert.deepEqual(call.state.path.at(-2), { node: 'status', result: 'not_found', failures: 3 });
});

test('status: a short entry is invalid, and a pause after enough digits ends the entry like # would', () => {
  const call = statusCall();
  assert.deepEqual(playsIn(call.press('123#')), [`La referencia no es correcta. ${statusPrompt}`]);
  call.finishPrompt();
  call.press(reference);
  assert.deepEqual(call.fireTimer(), [{ type: 'lookup_case', reference }]);
});

test('status: keys pressed while the desk looks the case up answer the menu after the status', () => {
  const call = statusCall();
  call.press(reference + '#');
  assert.deepEqual(call.press('2'), []);
  call.send({ type: 'case_found', reference, status: 'new' });
  assert.deepEqual(playsIn(call.finishPrompt()), ['Gracias por llamar a Reparaciones Martínez. Adiós.']);
});

test('status in Catalan and English', () => {
  const read = [...reference].join(' ');
  for (const [language, expected] of [
    ['ca', `La vostra avaria amb referència <${read}> està resolta.`],
    ['en', `Your repair with reference <${read}> is resolved.`],
  ] as const) {
    const call = statusCall(language);
    call.press(reference + '#');
    assert.deepEqual(playsIn(call.send({ type: 'case_found', reference, status: 'resolved' })), [expected]);
  }
});
