import type { MessageText } from '../issue.js';

/** Messages of the layout/render stage. */
export const renderMessages: Record<string, MessageText> = {
  TEXT_OVERFLOW: {
    zh: '内容过长：在 {element} 的版面位置最多可排 {maxLines} 行，实需 {lines} 行',
    en: 'Text too long: the {element} box holds at most {maxLines} line(s), this needs {lines}',
    http: 422,
  },
  TEXT_NO_ROOM: {
    zh: '内容过多：{element} 被前面的内容推到版面可用区域之外（末行基线 {baseline} mm，上限 {limit} mm），请缩短前面的内容',
    en: 'Too much text: the text above pushes {element} below the usable area (last baseline {baseline} mm, limit {limit} mm); shorten it',
    http: 422,
  },
  IMAGE_REQUIRED: { zh: '缺少图片（{element}）', en: 'Image missing ({element})', http: 422 },
  IMAGE_INVALID: {
    zh: '图片无法识别，仅接受 JPEG 或 PNG：{reason}',
    en: 'The image cannot be read; only JPEG or PNG are accepted: {reason}',
    http: 422,
  },
  IMAGE_TOO_LARGE: {
    zh: '图片像素过多（{pixels}，上限 {limit}）',
    en: 'The image has too many pixels ({pixels}, limit {limit})',
    http: 422,
  },
  IMAGE_TYPE_MISMATCH: {
    zh: '图片内容为 {actual}，与声明的 {declared} 不符',
    en: 'The image content is {actual}, not the declared {declared}',
    http: 415,
  },
  QR_PAYLOAD_EMPTY: { zh: '二维码内容为空', en: 'The QR code payload is empty', http: 422 },
  UNKNOWN_VARIANT: { zh: '未知的版式变体“{variant}”', en: 'Unknown layout variant "{variant}"', http: 422 },
  RENDER_TIMEOUT: { zh: '排版渲染超时，请稍后重试', en: 'Rendering timed out; try again later', http: 503 },
  RENDER_QUEUE_FULL: { zh: '渲染任务排队已满，请稍后重试', en: 'The render queue is full; try again later', http: 503 },
  RENDER_POOL_CLOSED: { zh: '渲染服务正在关闭', en: 'The renderer is shutting down', http: 503 },
  RENDER_PAGE_SIZE_MISMATCH: {
    zh: '打印页面尺寸与版式不符（{actual}，应为 {expected}）',
    en: 'The printed page size does not match the layout ({actual}, expected {expected})',
    http: 500,
  },
  RENDER_CRASHED: { zh: '渲染进程异常退出，请稍后重试', en: 'The renderer crashed; try again later', http: 503 },
};
