import type { MessageText } from '../issue.js';

/** Messages of filing packets (src/packets). */
export const packetMessages: Record<string, MessageText> = {
  PACKET_UNKNOWN: {
    zh: '没有材料包“{id}”；可用的材料包：{known}',
    en: 'No packet "{id}"; known packets: {known}',
    http: 404,
  },
  PACKET_REQUEST_INVALID: {
    zh: '材料包请求不符合格式：{reason}',
    en: 'The packet request does not match its schema: {reason}',
    http: 422,
  },
  PACKET_ITEM_UNKNOWN: {
    zh: '材料包“{packet}”没有材料项“{item}”',
    en: 'Packet "{packet}" has no item "{item}"',
    http: 422,
  },
  PACKET_ITEM_MISSING: {
    zh: '缺少必需材料 {no}“{title}”（{item}）',
    en: 'Mandatory item {no} "{titleEn}" ({item}) is missing',
    http: 422,
  },
  PACKET_ITEM_NOT_GENERATED: {
    zh: '材料“{title}”（{item}）由申请单位提供（上传文件），不能填写文书数据',
    en: 'Item "{titleEn}" ({item}) is supplied as files by the applicant, not generated from data',
    http: 422,
  },
  PACKET_ITEM_NOT_SUPPLIED: {
    zh: '材料“{title}”（{item}）由系统生成，请在 documents 中填写数据，不要上传文件',
    en: 'Item "{titleEn}" ({item}) is generated from data under documents, not uploaded as a file',
    http: 422,
  },
  PACKET_FILE_NOT_SENT: {
    zh: '请求列出的文件“{name}”没有随请求提交',
    en: 'File "{name}" listed in the request was not sent',
    http: 422,
  },
  PACKET_TOO_MANY_FILES: {
    zh: '材料“{title}”最多 {max} 个文件，收到 {count} 个',
    en: 'Item "{titleEn}" takes at most {max} files; {count} were sent',
    http: 422,
  },
  PACKET_FILE_TYPE: {
    zh: '文件“{name}”的内容不是 {expected}（文件头不符）',
    en: 'File "{name}" is not {expected} (its first bytes do not match)',
    http: 415,
  },
  PACKET_FILE_TYPE_NOT_ACCEPTED: {
    zh: '材料“{title}”只接受 {accepted}，文件“{name}”是 {type}',
    en: 'Item "{titleEn}" accepts {accepted} only; file "{name}" is {type}',
    http: 415,
  },
  PACKET_FILE_TOO_LARGE: {
    zh: '文件“{name}”大小 {bytes} 字节，超过上限 {max} 字节',
    en: 'File "{name}" has {bytes} bytes, more than the limit of {max}',
    http: 413,
  },
  PACKET_TOTAL_TOO_LARGE: {
    zh: '上传文件合计 {bytes} 字节，超过上限 {max} 字节',
    en: 'The supplied files total {bytes} bytes, more than the limit of {max}',
    http: 413,
  },
  PACKET_PDF_UNREADABLE: {
    zh: 'PDF 文件“{name}”无法读取（已损坏或已加密）',
    en: 'PDF file "{name}" cannot be read (damaged or encrypted)',
    http: 422,
  },
  PACKET_PDF_TOO_MANY_PAGES: {
    zh: 'PDF 文件“{name}”有 {pages} 页，超过上限 {max} 页',
    en: 'PDF file "{name}" has {pages} pages, more than the limit of {max}',
    http: 413,
  },
  PACKET_IMAGE_UNREADABLE: {
    zh: '图片文件“{name}”无法读取',
    en: 'Image file "{name}" cannot be read',
    http: 422,
  },
};
