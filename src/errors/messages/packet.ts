import type { MessageText } from '../issue.js';

/** Messages of filing packets (src/packets). */
export const packetMessages: Record<string, MessageText> = {};
