// GET|POST /api/auth/* — Auth.js (sign-in with Keycloak, callback, session).
import { handlers } from '@/server/auth/config';

export const { GET, POST } = handlers;
