import type { MessageText } from '../issue.js';

/** Messages of the HTTP service (src/api: configuration, auth, limits, problem+json). */
export const apiMessages: Record<string, MessageText> = {
  CONFIG_INVALID: {
    zh: '环境变量 {variable} 无效：{reasonZh}',
    en: 'Environment variable {variable} is invalid: {reason}',
    http: 500,
  },
  SERVER_LISTEN_FAILED: {
    zh: '无法在 {address} 上启动服务：{reasonZh}',
    en: 'Cannot serve on {address}: {reason}',
    http: 500,
  },
  AUTH_REQUIRED: {
    zh: '此操作需要 API 密钥（请求头 Authorization: Bearer <密钥>）',
    en: 'This operation needs an API key (header Authorization: Bearer <key>)',
    http: 401,
  },
  AUTH_INVALID: {
    zh: 'API 密钥无效（Authorization 请求头须为 Bearer <密钥>，且密钥已在服务端配置）',
    en: 'Invalid API key (the Authorization header must be Bearer <key>, with a key configured on the server)',
    http: 401,
  },
  AUTH_FORBIDDEN: {
    zh: '此 API 密钥没有“{scope}”权限',
    en: 'This API key does not have the "{scope}" scope',
    http: 403,
  },
  AUTH_INSTITUTION_FORBIDDEN: {
    zh: '此 API 密钥无权代表机构“{institution}”操作',
    en: 'This API key may not act for institution "{institution}"',
    http: 403,
  },
  REQUEST_INVALID: {
    zh: '请求的{locationZh}“{name}”不正确：{reasonZh}',
    en: 'Request {location} "{name}" is invalid: {reason}',
    http: 400,
  },
  BODY_TOO_LARGE: {
    zh: '请求体过大：此接口最多接受 {limit} 字节',
    en: 'Request body too large: this route accepts at most {limit} bytes',
    http: 413,
  },
  BODY_EMPTY: { zh: '请求体为空，应为 JSON 数据', en: 'The request body is empty; JSON data is expected', http: 400 },
  MEDIA_TYPE_UNSUPPORTED: {
    zh: '不支持的内容类型“{mediaType}”（此接口接受：{accepted}）',
    en: 'Unsupported content type "{mediaType}" (this route accepts: {accepted})',
    http: 415,
  },
  PROTOTYPE_POISONING: {
    zh: '请求数据含有禁止使用的字段名（__proto__ 或 constructor.prototype）',
    en: 'The request data contains a forbidden property name (__proto__ or constructor.prototype)',
    http: 400,
  },
  ROUTE_NOT_FOUND: { zh: '没有此接口：{method} {url}', en: 'No such route: {method} {url}', http: 404 },
  EXAMPLE_UNKNOWN: {
    zh: '文书“{id}”没有名为“{name}”的示例（可用：{names}）',
    en: 'Form "{id}" has no example named "{name}" (available: {names})',
    http: 404,
  },
  RATE_LIMITED: {
    zh: '请求过于频繁：每 {window} 最多 {max} 次，请 {retryAfter} 秒后重试',
    en: 'Too many requests: at most {max} per {window}; retry in {retryAfter} s',
    http: 429,
  },
  OVERLOADED: { zh: '服务繁忙，请稍后重试', en: 'The service is overloaded; try again later', http: 503 },
  HANDLER_TIMEOUT: { zh: '处理超时，请稍后重试', en: 'The request took too long; try again later', http: 503 },
  SERVICE_CLOSING: { zh: '服务正在关闭，请稍后重试', en: 'The service is shutting down; try again later', http: 503 },
  NOT_READY: { zh: '服务尚未就绪：{component}', en: 'The service is not ready: {component}', http: 503 },
  INTERNAL: {
    zh: '服务内部错误（已记录，编号 {requestId}）',
    en: 'Internal server error (logged as request {requestId})',
    http: 500,
  },
  MULTIPART_EXPECTED: {
    zh: '此接口须以 multipart/form-data 提交',
    en: 'This route expects multipart/form-data',
    http: 415,
  },
  MULTIPART_LIMIT: {
    zh: '上传超出限制：{limitZh}',
    en: 'Upload over the limit: {limit}',
    http: 413,
  },
  MULTIPART_INVALID: {
    zh: '上传内容无法解析：{reasonZh}',
    en: 'The upload could not be parsed: {reason}',
    http: 400,
  },
  MULTIPART_FIELD_MISSING: {
    zh: '缺少表单字段“{field}”（申请数据，JSON 文本）',
    en: 'Missing form field "{field}" (the request data, as JSON text)',
    http: 400,
  },
  MULTIPART_FIELD_UNKNOWN: {
    zh: '未知的表单字段“{field}”',
    en: 'Unknown form field "{field}"',
    http: 400,
  },
  UPLOAD_TYPE_UNSUPPORTED: {
    zh: '文件“{name}”的内容不是 PDF、JPEG 或 PNG（以文件内容判断，而非文件名）',
    en: 'File "{name}" is not a PDF, JPEG or PNG (judged by its bytes, not its name)',
    http: 415,
  },
};
