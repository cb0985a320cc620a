import 'server-only';
import pino from 'pino';
import { runtime } from './env';

// Structured JSON logs. Anything that looks like a credential is redacted before it is written.
export const REDACT_PATHS = [
  'token',
  '*.token',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'clientSecret',
  '*.clientSecret',
  'tokenSecret',
  '*.tokenSecret',
  'accessToken',
  'refreshToken',
  'idToken',
  'botToken',
  '*.botToken',
];

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: runtime.logLevel,
      base: { service: 'homelab-panel' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();
