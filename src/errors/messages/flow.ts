import type { MessageText } from '../issue.js';

/** Messages of the filing documents (flow layouts: tables, covers, outlines; DOCX). */
export const flowMessages: Record<string, MessageText> = {
  FLOW_SINGLE_RECORD: {
    zh: '文书“{id}”每次只能生成一份，请提交一个对象而不是数组',
    en: 'Form "{id}" renders one document at a time: send one object, not an array',
    http: 400,
  },
};
