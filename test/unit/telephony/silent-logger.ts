import { createLogger, type Logger } from '../../../src/server/platform/logger.ts';

export const silentLogger: Logger = createLogger('silent');
