import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import type { TDispatchPolicyInput } from '../../shared/dispatch-policy.ts';

/** The demo tenant's intake, exactly as the demo contract numbers its phone menu. */
export const demoIntakeSchema: TIntakeSchema = {
  fields: [
    {
      key: 'appliance',
      type: 'choice',
      meaning: 'appliance_type',
      required: true,
      labels: { es: 'Aparato', ca: 'Aparell', en: 'Appliance' },
      options: [
        { value: 'washing_machine', digit: '1', labels: { es: 'Lavadora', ca: 'Rentadora', en: 'Washing machine' } },
        { value: 'dishwasher', digit: '2', labels: { es: 'Lavavajillas', ca: 'Rentaplats', en: 'Dishwasher' } },
        { value: 'refrigerator', digit: '3', labels: { es: 'Frigorífico', ca: 'Frigorífic', en: 'Refrigerator' } },
        { value: 'oven', digit: '4', labels: { es: 'Horno', ca: 'Forn', en: 'Oven' } },
        { value: 'boiler', digit: '5', labels: { es: 'Caldera', ca: 'Caldera', en: 'Boiler' } },
        { value: 'other', digit: '9', labels: { es: 'Otro', ca: 'Altre', en: 'Other' } },
      ],
    },
    {
      key: 'underWarranty',
      type: 'boolean',
      meaning: 'under_warranty',
      required: true,
      labels: { es: '¿En garantía?', ca: 'En garantia?', en: 'Under warranty?' },
    },
    {
      key: 'urgency',
      type: 'choice',
      meaning: 'urgency',
      required: true,
      labels: { es: 'Urgencia', ca: 'Urgència', en: 'Urgency' },
      options: [
        { value: 'urgent', digit: '1', labels: { es: 'Urgente', ca: 'Urgent', en: 'Urgent' } },
        { value: 'normal', digit: '2', labels: { es: 'Normal', ca: 'Normal', en: 'Normal' } },
      ],
    },
    {
      key: 'brand',
      type: 'text',
      meaning: 'brand',
      required: false,
      maxLength: 100,
      labels: { es: 'Marca', ca: 'Marca', en: 'Brand' },
    },
  ],
};

/**
 * The demo's dispatch: distance and trade matter most, then who is free, with load and fairness
 * as tie-breakers; urgent orders out of hours go to the on-call rota; five minutes per offer.
 */
export const demoDispatchPolicy: TDispatchPolicyInput = {
  strategy: 'weighted',
  weights: { distance: 4, specialisation: 3, availability: 2, load: 1, fairness: 1 },
  filters: { requireSkill: true, requireOnDuty: true, requireZone: true, maxDistanceKm: 60 },
  urgentOutOfHours: 'on_call',
  offerTimeoutSeconds: 300,
  maxCandidates: 5,
  autoDispatch: true,
};
