import type { MessageText } from '../issue.js';

/** Messages of the HTTP service (src/api: auth, limits, problem+json). */
export const apiMessages: Record<string, MessageText> = {};
