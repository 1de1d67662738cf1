import type { MessageText } from '../issue.js';

/** Messages of the command line and file loading. */
export const cliMessages: Record<string, MessageText> = {
  FORM_UNKNOWN: { zh: '未知的文书编号“{id}”（全部文书见 sef forms 或 GET /forms）', en: 'Unknown form id "{id}" (all documents: sef forms or GET /forms)', http: 404 },
  FILE_NOT_FOUND: { zh: '找不到文件：{path}', en: 'File not found: {path}', http: 400 },
  FILE_OUTSIDE_BASE: {
    zh: '文件路径必须位于数据文件所在目录之内：{path}',
    en: 'The file path must stay inside the data file\'s folder: {path}',
    http: 400,
  },
  JSON_SYNTAX: { zh: 'JSON 格式错误：{reason}', en: 'Malformed JSON: {reason}', http: 400 },
  USAGE: { zh: '用法错误：{reason}', en: 'Usage: {reason}', http: 400 },
  MODE_UNSUPPORTED: { zh: '文书“{id}”不支持输出方式“{mode}”', en: 'Form "{id}" does not support the "{mode}" mode', http: 400 },
  FORMAT_UNSUPPORTED: {
    zh: '文书“{id}”不能输出为 {format}（可用：{formats}）',
    en: 'Form "{id}" cannot be rendered as {format} (available: {formats})',
    http: 400,
  },
  DEMO_FAILED: { zh: '演示数据未通过校验（程序缺陷，请报告）', en: 'The demo data did not validate (a bug; please report it)', http: 500 },
  RECORDS_EMPTY: { zh: '批量数据为空数组：至少需要一条记录', en: 'The batch is an empty array: at least one record is needed', http: 422 },
  BATCH_TOO_LARGE: { zh: '一次最多 {max} 份，实为 {count} 份', en: 'At most {max} records per document, got {count}', http: 413 },
};
