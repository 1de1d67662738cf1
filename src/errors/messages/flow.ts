import type { MessageText } from '../issue.js';

/** Messages of the filing documents (flow layouts: tables, covers, outlines; DOCX). */
export const flowMessages: Record<string, MessageText> = {};
