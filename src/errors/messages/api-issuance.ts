import type { MessageText } from '../issue.js';

/** Messages of the issuance routes of the service (institutions, batches, verify). */
export const apiIssuanceMessages: Record<string, MessageText> = {
  // ── institutions ──────────────────────────────────────────────────────────────────────────────
  INSTITUTION_EXISTS: {
    zh: '评价机构“{id}”已登记，不能重复登记',
    en: 'Institution "{id}" is already registered',
    http: 409,
  },
  INSTITUTION_UNKNOWN: {
    zh: '登记库中没有评价机构“{id}”，请先通过 POST /institutions 登记',
    en: 'No institution "{id}" in the registry; register it first with POST /institutions',
    http: 404,
  },
  INSTITUTION_IMAGE_INLINE: {
    zh: '通过服务登记时印章图片须内嵌为 {mediaType, base64}，不能引用文件路径',
    en: 'Through the service a seal image must be inline as {mediaType, base64}, not a file reference',
    http: 422,
  },
  INSTITUTION_IMAGE_TYPE: {
    zh: '印章图片的内容不是所声明的 {mediaType}（只接受 JPEG、PNG）',
    en: 'The seal image bytes are not the declared {mediaType} (JPEG or PNG only)',
    http: 422,
  },

  // ── batch uploads (multipart) ─────────────────────────────────────────────────────────────────
  UPLOAD_NOT_MULTIPART: {
    zh: '请求须为 multipart/form-data（名册文件、照片和字段）',
    en: 'The request must be multipart/form-data (roster file, photos and fields)',
    http: 415,
  },
  UPLOAD_FIELD_REQUIRED: { zh: '缺少字段“{field}”', en: 'Field "{field}" is missing', http: 400 },
  UPLOAD_FIELD_UNKNOWN: {
    zh: '未知的字段“{field}”（可用：{allowed}）',
    en: 'Unknown field "{field}" (allowed: {allowed})',
    http: 400,
  },
  UPLOAD_FIELD_DUPLICATE: { zh: '字段“{field}”只能出现一次', en: 'Field "{field}" may appear only once', http: 400 },
  UPLOAD_FIELD_INVALID: {
    zh: '字段“{field}”的值“{value}”无效：须为 {expected}',
    en: 'Field "{field}" has an invalid value "{value}": expected {expected}',
    http: 400,
  },
  UPLOAD_FILE_EXPECTED: {
    zh: '“{field}”须作为文件上传（带文件名的部分）',
    en: '"{field}" must be uploaded as a file (a part with a file name)',
    http: 400,
  },
  UPLOAD_FILE_TOO_LARGE: {
    zh: '文件“{file}”超过 {field} 的大小上限 {limit} 字节',
    en: 'File "{file}" exceeds the size limit of {field}: {limit} bytes',
    http: 413,
  },
  UPLOAD_TOO_MANY_FILES: {
    zh: '上传的文件过多（上限 {limit} 个）；照片较多时请打包为一个 ZIP',
    en: 'Too many files in the upload (limit {limit}); send many photos as one ZIP',
    http: 413,
  },
  UPLOAD_TOO_MANY_PARTS: {
    zh: '请求的部分或字段过多（上限 {limit}）',
    en: 'Too many parts or fields in the request (limit {limit})',
    http: 413,
  },
  UPLOAD_FIELD_TOO_LARGE: {
    zh: '字段“{field}”过长（上限 {limit} 字节）',
    en: 'Field "{field}" is too long (limit {limit} bytes)',
    http: 413,
  },
  UPLOAD_FILE_TYPE: {
    zh: '文件“{file}”的内容不是 {expected}（按文件头字节判断，不看扩展名）',
    en: 'File "{file}" is not {expected} (judged by its first bytes, not its name)',
    http: 415,
  },
  UPLOAD_FILE_EMPTY: { zh: '文件“{file}”为空', en: 'File "{file}" is empty', http: 400 },
  UPLOAD_PHOTOS_MIXED: {
    zh: '照片须为一个 ZIP 或若干 JPEG/PNG 图片，不能混合',
    en: 'Photos must be one ZIP or several JPEG/PNG images, not both',
    http: 400,
  },
  UPLOAD_PHOTO_NAME_DUPLICATE: {
    zh: '照片文件名“{file}”重复',
    en: 'Photo file name "{file}" appears twice',
    http: 400,
  },
  UPLOAD_MALFORMED: {
    zh: 'multipart 请求体格式错误：{reason}',
    en: 'The multipart body is malformed: {reason}',
    http: 400,
  },

  // ── idempotency ───────────────────────────────────────────────────────────────────────────────
  IDEMPOTENCY_KEY_FORMAT: {
    zh: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
    en: 'Idempotency-Key must be 1–200 visible ASCII characters',
    http: 400,
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '幂等键“{key}”已用于内容不同的另一批次（任务 {jobId}）；请换用新的幂等键',
    en: 'Idempotency key "{key}" was already used for a batch with different content (job {jobId}); use a new key',
    http: 422,
  },
  IDEMPOTENCY_IN_FLIGHT: {
    zh: '幂等键“{key}”的批次（任务 {jobId}）仍在排队或校验中，请稍后重试',
    en: 'The batch of idempotency key "{key}" (job {jobId}) is still queued or being checked; retry shortly',
    http: 409,
  },

  // ── jobs ──────────────────────────────────────────────────────────────────────────────────────
  BATCH_JOB_UNKNOWN: { zh: '没有批次任务“{id}”', en: 'No batch job "{id}"', http: 404 },
  BATCH_QUEUE_FULL: {
    zh: '发证队列已满（{limit} 个任务等待中），请 {retryAfter} 秒后重试',
    en: 'The issuing queue is full ({limit} jobs waiting); retry in {retryAfter} s',
    http: 503,
  },
  BATCH_SERVICE_CLOSING: {
    zh: '服务正在关闭，不再接受新的批次',
    en: 'The service is shutting down and accepts no new batches',
    http: 503,
  },
  BATCH_NOT_ISSUED: {
    zh: '任务 {id} 没有已登记的编号（状态 {state}），无法补打',
    en: 'Job {id} has no numbers in the registry (state {state}); nothing to reprint',
    http: 409,
  },
  BATCH_FILE_UNKNOWN: { zh: '任务 {id} 没有文件“{path}”', en: 'Job {id} has no file "{path}"', http: 404 },
  BATCH_FILE_PATH: {
    zh: '文件路径“{path}”无效（不得含“..”、绝对路径、反斜杠或控制字符）',
    en: 'File path "{path}" is not allowed (no "..", absolute paths, backslashes or control characters)',
    http: 400,
  },
  BATCH_JOB_INTERRUPTED: {
    zh: '任务在服务关闭或重启时中断，未完成；尚未提交编号，未发放任何证书。请重新提交',
    en: 'The job was interrupted by a shutdown or restart before any number was committed; nothing was issued. Submit it again',
    http: 500,
  },
  BATCH_JOB_INTERRUPTED_NUMBERED: {
    zh: '任务在服务关闭或重启时中断：批次 {batchId} 的编号已提交登记，未丢失；打印文件未全部生成。请用 POST /batches/{id}/reprint 重新生成',
    en: 'The job was interrupted by a shutdown or restart: the numbers of batch {batchId} are committed and not lost, the print files are incomplete. Re-make them with POST /batches/{id}/reprint',
    http: 500,
  },
  BATCH_JOB_INTERRUPTED_NUMBERING: {
    zh: '任务在编号时因服务关闭或重启而中断：登记簿的单一事务要么提交了全部编号，要么一个也没有。请以相同的 Idempotency-Key 重新提交：已提交的编号会原样返回，不会重复发放',
    en: 'The job was interrupted while numbering: the registry\'s single transaction committed all of the numbers or none. Submit the batch again with the same Idempotency-Key: committed numbers come back as they were, never issued twice',
    http: 500,
  },
  BATCH_JOB_RENDER_FAILED: {
    zh: '批次 {batchId} 的编号已提交登记，未丢失；打印文件生成失败（原因见服务日志）。请用 POST /batches/{id}/reprint 重新生成',
    en: 'The numbers of batch {batchId} are committed and not lost; writing the print files failed (the cause is in the service log). Re-make them with POST /batches/{id}/reprint',
    http: 500,
  },
  BATCH_JOB_FAILED: {
    zh: '任务 {id} 失败，未发放任何证书（原因见服务日志）；可重新提交',
    en: 'Job {id} failed and issued nothing (the cause is in the service log); it may be submitted again',
    http: 500,
  },

  // ── documents: void and verify ────────────────────────────────────────────────────────────────
  NUMBER_MALFORMED: {
    zh: '“{value}”不是格式正确的{kindZh}编号',
    en: '"{value}" is not a well-formed {kindEn} number',
    http: 400,
  },
  VOID_REASON_REQUIRED: {
    zh: '作废须写明原因（1–200 个字符）',
    en: 'Voiding needs a reason (1–200 characters)',
    http: 400,
  },
};
