/** Names, places and past orders that make every screen of a new desk show something. */
const weekdays = (open: string, close: string) => (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open, close }));

/** Five technicians around Madrid with different trades, zones and hours; one covers the on-call rota. */
export const demoTechnicians = [
  {
    name: 'Jordi Puig', phone: '+34611000001', skills: ['washing_machine', 'dishwasher'], brands: ['Bosch', 'Balay', 'Siemens'],
    home: { lat: 40.4168, lon: -3.7038 }, radiusKm: 12, hours: weekdays('08:00', '17:00'), onCall: false,
  },
  {
    name: 'Lucía Fernández', phone: '+34611000002', skills: ['boiler'], brands: ['Junkers', 'Vaillant', 'Saunier Duval'],
    home: { lat: 40.4531, lon: -3.6883 }, radiusKm: 20, hours: weekdays('08:00', '18:00'), onCall: true,
  },
  {
    name: 'Andrés Navarro', phone: '+34611000003', skills: ['oven', 'refrigerator'], brands: ['Rational', 'Samsung', 'LG'],
    home: { lat: 40.3897, lon: -3.7269 }, radiusKm: 15, hours: [...weekdays('09:00', '14:00'), ...weekdays('16:00', '19:00')], onCall: false,
  },
  {
    name: 'Carmen Soler', phone: '+34611000004', skills: ['refrigerator', 'washing_machine', 'other'], brands: ['Whirlpool', 'Samsung', 'Bosch'],
    home: { lat: 40.4381, lon: -3.6768 }, radiusKm: 10, hours: [...weekdays('07:00', '15:00'), { day: 'sat' as const, open: '09:00', close: '13:00' }], onCall: false,
  },
  {
    name: 'Pau Vidal', phone: '+34611000005', skills: ['boiler', 'oven', 'dishwasher'], brands: ['Junkers', 'Bosch'],
    home: { lat: 40.4722, lon: -3.5729 }, radiusKm: 25, hours: weekdays('10:00', '19:00'), onCall: false,
  },
];

/** Past calls so the calls list and the reports have something from the first start. */
export const demoCalls = [
  { caller: '+34612345678', hoursAgo: 240, seconds: 95, digits: '1112', outcome: 'case_created', case: 0 },
  { caller: '+34622334455', hoursAgo: 30, seconds: 110, digits: '1121', outcome: 'case_created', case: 1 },
  { caller: '+34622334455', hoursAgo: 20, seconds: 48, digits: '2#', outcome: 'status_given', case: 1 },
  { caller: '+34633445566', hoursAgo: 2, seconds: 102, digits: '1312', outcome: 'case_created', case: 3 },
  { caller: '+34655000111', hoursAgo: 6, seconds: 14, digits: '', outcome: 'abandoned', case: undefined },
];

export const demoCustomers = [
  {
    name: 'Ana García López',
    phones: ['+34612345678'],
    email: 'ana.garcia@example.com',
    site: { label: 'Casa', street: 'Calle Mayor 12, 3º B', city: 'Madrid', postalCode: '28013', region: 'Madrid', country: 'ES', latitude: 40.4155, longitude: -3.7074 },
    asset: { applianceType: 'washing_machine', brand: 'Bosch', model: 'Serie 6 WAU28T', serialNumber: 'BSH-4411-2098', purchaseDate: '2024-03-10', warrantyEnds: '2027-03-10' },
  },
  {
    name: 'Josep Ferrer i Roca',
    phones: ['+34622334455', '+34934112233'],
    email: 'josep.ferrer@example.com',
    site: { label: 'Pis', street: 'Carrer de Mallorca 245, 2n 1a', city: 'Barcelona', postalCode: '08008', region: 'Catalunya', country: 'ES', latitude: 41.3936, longitude: 2.1617 },
    asset: { applianceType: 'boiler', brand: 'Junkers', model: 'Cerapur Smart', serialNumber: 'JK-77120', purchaseDate: '2019-10-01', warrantyEnds: '2021-10-01' },
  },
  {
    name: 'Restaurante El Olivo',
    phones: ['+34911223344'],
    email: 'cocina@elolivo.example.com',
    site: { label: 'Cocina', street: 'Avenida de América 40', city: 'Madrid', postalCode: '28028', region: 'Madrid', country: 'ES', latitude: 40.4381, longitude: -3.6768 },
    asset: { applianceType: 'oven', brand: 'Rational', model: 'iCombi Pro 10-1/1', serialNumber: 'RAT-E11-30491', purchaseDate: '2023-06-15', warrantyEnds: '2026-12-15' },
  },
  {
    name: 'María José Sánchez',
    phones: ['+34633445566'],
    site: { label: 'Casa', street: 'Calle del Pez 8, 1º', city: 'Madrid', postalCode: '28004', region: 'Madrid', country: 'ES', latitude: 40.4229, longitude: -3.7059 },
    asset: { applianceType: 'refrigerator', brand: 'Samsung', model: 'RB38T', serialNumber: 'SMG-0091-7731', purchaseDate: '2022-01-20', warrantyEnds: '2024-01-20' },
  },
];

type Channel = 'phone' | 'operator' | 'web';

export const demoCases: {
  customer: number;
  hoursAgo: number;
  channel: Channel;
  useAsset: boolean;
  intake: Record<string, string | boolean>;
  description: string;
  technician?: number;
  path: string[];
}[] = [
  {
    customer: 0, hoursAgo: 240, channel: 'phone', useAsset: true, technician: 0,
    intake: { appliance: 'washing_machine', underWarranty: true, urgency: 'normal', brand: 'Bosch' },
    description: 'No centrifuga y hace un ruido fuerte al final del ciclo.',
    path: ['dispatched', 'accepted', 'en_route', 'on_site', 'resolved', 'closed'],
  },
  {
    customer: 1, hoursAgo: 30, channel: 'phone', useAsset: true, technician: 1,
    intake: { appliance: 'boiler', underWarranty: false, urgency: 'urgent', brand: 'Junkers' },
    description: 'La caldera se apaga y no hay agua caliente. Código de error EA.',
    path: ['dispatched', 'accepted', 'en_route'],
  },
  {
    customer: 2, hoursAgo: 5, channel: 'operator', useAsset: true,
    intake: { appliance: 'oven', underWarranty: true, urgency: 'urgent', brand: 'Rational' },
    description: 'El horno no alcanza temperatura; servicio de cenas esta noche.',
    path: ['dispatched'],
  },
  {
    customer: 3, hoursAgo: 2, channel: 'phone', useAsset: false,
    intake: { appliance: 'refrigerator', underWarranty: false, urgency: 'normal' },
    description: 'Se forma hielo en la parte trasera del frigorífico.',
    path: [],
  },
  {
    customer: 0, hoursAgo: 120, channel: 'web', useAsset: false,
    intake: { appliance: 'dishwasher', underWarranty: false, urgency: 'normal' },
    description: 'No desagua. Resuelto por teléfono limpiando el filtro.',
    path: ['resolved', 'closed'],
  },
];
