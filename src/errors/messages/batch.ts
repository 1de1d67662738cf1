import type { MessageText } from '../issue.js';

/** Messages of batch issuance, reprint, verification, the monthly summary and their CLI commands. */
export const batchMessages: Record<string, MessageText> = {
  BATCH_ROSTER_INVALID: {
    zh: '名册有 {count} 处错误，未发放任何证书；错误报告：{report}',
    en: 'The roster has {count} error(s); nothing was issued. Error report: {report}',
    http: 422,
  },
  BATCH_EMPTY: { zh: '名册没有任何数据行，未发放任何证书', en: 'The roster has no data rows; nothing was issued', http: 422 },
  BATCH_RENDER_FAILED: {
    zh: '证书编号已提交登记，但打印文件生成失败；编号不会丢失，可用 reprint 命令重新生成',
    en: 'The numbers are committed to the registry but the print files failed; nothing is lost: re-make them with the reprint command',
    http: 500,
  },
  BATCH_UNKNOWN: { zh: '登记库中没有批次“{id}”', en: 'No batch "{id}" in the registry', http: 404 },
  BATCH_CHUNK_SIZE: {
    zh: '每个 PDF 的份数须为 1 至 {max} 的整数，实为“{value}”',
    en: 'The chunk size must be a whole number from 1 to {max}, got "{value}"',
    http: 400,
  },
  DOC_NOT_IN_REGISTRY: { zh: '登记库中没有编号为“{number}”的证书', en: 'No document numbered "{number}" in the registry', http: 404 },
  REPRINT_VOIDED: {
    zh: '编号“{number}”已作废，不能补打',
    en: 'Number "{number}" is voided and cannot be reprinted',
    http: 409,
  },
  INSTITUTION_NOT_FOUND: {
    zh: '登记库中没有评价机构“{id}”，请先用 institution add 登记',
    en: 'No institution "{id}" in the registry; add it first with `institution add`',
    http: 404,
  },
  ISSUE_DATE_FORMAT: {
    zh: '发证日期须为 YYYY-MM-DD 格式的真实日期，实为“{value}”',
    en: 'The issue date must be a real date written YYYY-MM-DD, got "{value}"',
    http: 400,
  },
  SUMMARY_MONTH_FORMAT: {
    zh: '统计月份须为 YYYY-MM 格式，实为“{value}”',
    en: 'The month must be written YYYY-MM, got "{value}"',
    http: 400,
  },
  SUMMARY_INVALID: {
    zh: '汇总表数据不符合结果汇总表的规则：{reason}',
    en: 'The summary does not satisfy the result-summary schema: {reason}',
    http: 500,
  },
  LEDGER_BROKEN: {
    zh: '审计日志校验失败：第 {seq} 条记录 {problem}',
    en: 'The audit ledger does not verify: entry {seq} {problem}',
    http: 500,
  },
  OUTPUT_REQUEST_BLOCKED: {
    zh: '生成的页面试图加载外部资源（已拦截）',
    en: 'The generated page tried to load an outside resource (blocked)',
    http: 500,
  },
  OUTPUT_DIR_UNUSABLE: {
    zh: '无法写入输出目录 {path}：{reason}',
    en: 'Cannot write to the output folder {path}: {reason}',
    http: 400,
  },
};
