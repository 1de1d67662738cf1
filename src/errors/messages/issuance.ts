import type { MessageText } from '../issue.js';

/** Messages of the issuance registry (src/issuance/store): numbering, idempotency, documents, the database. */
export const issuanceMessages: Record<string, MessageText> = {
  ISSUE_SERIAL_EXHAUSTED: {
    zh: '编号计数键“{key}”的流水号已用尽：上限 {max}，已用到 {last}，本批还需 {needed} 个；本批未发放任何编号',
    en: 'Serials for counter key "{key}" are exhausted: the maximum is {max}, {last} are used and this batch needs {needed} more; nothing was issued',
    http: 409,
  },
  ISSUE_MAX_SERIAL_INVALID: {
    zh: '编号计数键“{key}”的流水号上限必须是正整数，实为 {max}',
    en: 'The maximum serial of counter key "{key}" must be a positive integer, got {max}',
    http: 400,
  },
  ISSUE_BATCH_EMPTY: { zh: '本批没有需要发放编号的文书', en: 'The batch has no documents to number', http: 400 },
  ISSUE_INSTITUTION_UNKNOWN: {
    zh: '未登记的评价机构“{id}”，请先登记机构信息',
    en: 'Unknown evaluation institution "{id}"; register the institution first',
    http: 404,
  },
  ISSUE_NUMBER_TAKEN: {
    zh: '证书编号 {number} 已存在于登记簿中，本批未发放任何编号',
    en: 'Number {number} is already in the registry; nothing was issued',
    http: 409,
  },
  BATCH_IDEMPOTENCY_CONFLICT: {
    zh: '幂等键“{key}”已用于内容不同的另一批次（批次 {batchId}），已拒绝；请换用新的幂等键',
    en: 'Idempotency key "{key}" was already used for a batch with different content (batch {batchId}); refused, use a new key',
    http: 422,
  },
  DOC_UNKNOWN: { zh: '登记簿中没有编号为 {number} 的文书', en: 'No document numbered {number} in the registry', http: 404 },
  DOC_ALREADY_VOIDED: {
    zh: '编号为 {number} 的文书已于 {voidedAt} 作废，编号不会再次使用',
    en: 'Document {number} was already voided at {voidedAt}; its number is never reused',
    http: 409,
  },
  STORE_UNAVAILABLE: {
    zh: '无法打开发证登记簿（{backend}：{where}）：{reason}',
    en: 'Cannot open the issuance registry ({backend}: {where}): {reason}',
    http: 503,
  },
  STORE_WRITE_FAILED: {
    zh: '写入发证登记簿失败，本次操作未写入任何内容：{reason}',
    en: 'Writing to the issuance registry failed; nothing was written: {reason}',
    http: 503,
  },
};
