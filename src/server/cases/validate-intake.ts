import { intakeValidator, fieldWithMeaning, type TIntakeSchema, type TIntakeValues } from '../../shared/intake-schema.ts';
import type { TCase } from '../../shared/api/cases.ts';
import { parseInput } from '../platform/validation.ts';
import { AppError } from '../platform/errors.ts';

// A published protocol version never changes, so its compiled validator is kept by identity.
const validators = new Map<string, ReturnType<typeof intakeValidator>>();

function validatorFor(protocolId: string, schema: TIntakeSchema) {
  let validator = validators.get(protocolId);
  if (!validator) {
    validator = intakeValidator(schema);
    if (validators.size > 1000) validators.clear();
    validators.set(protocolId, validator);
  }
  return validator;
}

export function validateIntake(protocol: { id: string; intakeSchema: TIntakeSchema }, values: unknown): TIntakeValues {
  try {
    return parseInput(validatorFor(protocol.id, protocol.intakeSchema), values, 'intake');
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error.fields.map((f) => ({ path: f.path === '(body)' ? 'intake' : `intake.${f.path}`, message: f.message }));
      throw new AppError('validation_failed', `invalid intake: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
    }
    throw error;
  }
}

/** The appliance type the duplicate guard compares: the asset's, else the protocol field that means it. */
export function applianceTypeOf(schema: TIntakeSchema, intake: TIntakeValues, assetType: string | null): string | null {
  if (assetType) return assetType;
  const field = fieldWithMeaning(schema, 'appliance_type');
  const value = field ? intake[field.key] : undefined;
  return typeof value === 'string' ? value : null;
}

export function priorityOf(schema: TIntakeSchema, intake: TIntakeValues, explicit: TCase['priority'] | undefined): TCase['priority'] {
  if (explicit) return explicit;
  const field = fieldWithMeaning(schema, 'urgency');
  return field && intake[field.key] === 'urgent' ? 'urgent' : 'normal';
}
