import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineKm, isInCircle, isInPolygon, isInZone } from '../../../src/server/dispatch/geo.ts';

const madrid = { lat: 40.4168, lon: -3.7038 };
const barcelona = { lat: 41.3874, lon: 2.1686 };

test('Madrid to Barcelona is about 505 km along the great circle', () => {
  const km = haversineKm(madrid, barcelona);
  assert.ok(Math.abs(km - 505) < 3, `got ${km}`);
  assert.equal(haversineKm(barcelona, madrid), km);
  assert.equal(haversineKm(madrid, madrid), 0);
});

test('one degree of latitude is about 111.2 km', () => {
  const km = haversineKm({ lat: 40, lon: -3 }, { lat: 41, lon: -3 });
  assert.ok(Math.abs(km - 111.2) < 0.1, `got ${km}`);
});

test('a circle zone includes its rim and excludes points beyond it', () => {
  assert.ok(isInCircle({ lat: 40.5, lon: -3.7038 }, madrid, 10));
  assert.ok(!isInCircle({ lat: 40.6, lon: -3.7038 }, madrid, 10), '20 km north');
  assert.ok(isInCircle(madrid, madrid, 0));
});

test('a concave polygon: the notch of an L is outside', () => {
  // An L over central Madrid: the lower-left square plus the bar along the bottom.
  const l = [
    { lat: 40.3, lon: -3.8 },
    { lat: 40.5, lon: -3.8 },
    { lat: 40.5, lon: -3.7 },
    { lat: 40.4, lon: -3.7 },
    { lat: 40.4, lon: -3.6 },
    { lat: 40.3, lon: -3.6 },
  ];
  assert.ok(isInPolygon({ lat: 40.45, lon: -3.75 }, l), 'upright of the L');
  assert.ok(isInPolygon({ lat: 40.35, lon: -3.65 }, l), 'foot of the L');
  assert.ok(!isInPolygon({ lat: 40.45, lon: -3.65 }, l), 'the notch');
  assert.ok(!isInPolygon({ lat: 40.2, lon: -3.75 }, l), 'south of it');
  assert.ok(!isInPolygon({ lat: 40.35, lon: -3.65 }, l.slice(0, 2)), 'fewer than three vertices is no polygon');
});

test('a zone with a circle and a polygon covers either; an empty zone covers nowhere', () => {
  const zone = {
    circle: { center: madrid, radiusKm: 5 },
    polygon: [
      { lat: 41.3, lon: 2.1 },
      { lat: 41.5, lon: 2.1 },
      { lat: 41.5, lon: 2.3 },
      { lat: 41.3, lon: 2.3 },
    ],
  };
  assert.ok(isInZone(madrid, zone));
  assert.ok(isInZone(barcelona, zone));
  assert.ok(!isInZone({ lat: 39.47, lon: -0.38 }, zone), 'Valencia');
  assert.ok(!isInZone(madrid, {}));
});
