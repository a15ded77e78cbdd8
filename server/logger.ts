/**
 * One structured logger for the process. Modules take a named child so every line says where it
 * came from. Nothing logged may contain a password, token, cookie or document text.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'birga' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
}
