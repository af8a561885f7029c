import { z } from 'zod';
import { ZId } from '../common.ts';

export const ZPromptName = z.string().trim().min(1).max(100);

export const ZPrompt = z.object({ id: ZId, tenantId: ZId, name: z.string(), durationMs: z.number(), createdAt: z.string() });
export type TPrompt = z.infer<typeof ZPrompt>;
