import type { MessageText } from '../issue.js';

/** Messages of the issuance routes of the service (institutions, batches, verify). */
export const apiIssuanceMessages: Record<string, MessageText> = {};
