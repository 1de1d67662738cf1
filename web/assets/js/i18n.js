// Page texts in Chinese (default) and English, and the 中文/English switch. The choice is kept in
// localStorage; pages re-render their dynamic parts through onLanguageChange().

const TEXTS = {
  zh: {
    'app.title': '技能人才评价文书',
    'nav.forms': '文书',
    'nav.batches': '批量发证',
    'nav.docs': 'API 文档',
    'lang.switch': 'English',
    'index.heading': '文书一览',
    'index.intro': '选择一种文书在线填写、预览并下载；或组装备案材料、批量发证。',
    'index.packets': '备案材料',
    'index.packetsIntro': '按材料清单上传附件，生成备案材料包（ZIP）。',
    'index.batches': '批量发证',
    'index.batchesIntro': '上传名册和照片，批量编号、打印证书。',
    'index.col.doc': '文书',
    'index.col.kind': '类别',
    'index.col.formats': '格式',
    'index.col.status': '完整性',
    'index.checkOnly': '仅校验',
    'kind.certificate': '证书',
    'kind.card': '证卡',
    'kind.cover': '封面',
    'kind.table-form': '表格',
    'kind.roster': '名册',
    'kind.summary-table': '汇总表',
    'kind.outline': '方案提纲',
    'kind.checklist': '材料清单',
    'status.complete': '完整',
    'status.partial': '部分推定',
    'loading': '正在加载…',
    'error.load': '加载失败',
    'form.preview': '预览',
    'form.previewHint': '表单无误后在此显示打印效果。',
    'form.previewStale': '请先更正错误，预览显示上一次有效的内容。',
    'form.issues': '问题',
    'form.noIssues': '没有发现问题。',
    'form.downloadPdf': '下载 PDF',
    'form.downloadDocx': '下载 DOCX',
    'form.checking': '正在校验…',
    'form.rendering': '正在排版…',
    'form.photo': '选择图片（JPEG/PNG）',
    'form.photoNone': '未选择图片',
    'form.loadExample': '载入示例',
    'form.copyJson': '复制 JSON',
    'form.copied': '已复制到剪贴板。',
    'form.empty': '（空白）',
    'packet.heading': '备案材料',
    'packet.checklist': '材料清单',
    'packet.col.item': '材料',
    'packet.col.status': '状态',
    'packet.col.file': '文件',
    'packet.present': '已提供',
    'packet.missing': '缺少',
    'packet.optional': '可选',
    'packet.keep': '备查（可附）',
    'packet.conditional': '视情况',
    'packet.generated': '由本系统生成',
    'packet.request': '申请数据（JSON）',
    'packet.requestHint': '生成文书所需的数据；可在对应文书页面填写后复制到此处。',
    'packet.submit': '生成材料包',
    'packet.done': '材料包已生成。',
    'packet.badJson': '申请数据不是有效的 JSON。',
    'batch.heading': '批量发证',
    'batch.key': 'API 密钥',
    'batch.keyHint': '仅保存在本浏览器标签页（sessionStorage）。',
    'batch.institution': '评价机构',
    'batch.institutionLoad': '载入机构',
    'batch.roster': '名册（XLSX 或 CSV）',
    'batch.photos': '照片（ZIP 或 JPEG/PNG）',
    'batch.issueDate': '发证日期',
    'batch.submit': '提交发证',
    'batch.progress': '进度',
    'batch.rejected': '名册未通过校验，未发任何证书。',
    'batch.report': '校验报告',
    'batch.errorXlsx': '下载错误报告（XLSX）',
    'batch.results': '结果文件',
    'batch.col.row': '行',
    'batch.col.column': '列',
    'batch.col.code': '代码',
    'batch.col.message': '说明',
    'batch.needKey': '请输入 API 密钥。',
    'batch.needInstitution': '请选择评价机构。',
    'batch.needRoster': '请选择名册文件。',
    'batch.done': '发证完成',
    'stage.validate': '校验',
    'stage.number': '编号',
    'stage.render': '排版',
    'stage.outputs': '名册',
    'state.queued': '排队中',
    'state.validating': '校验中',
    'state.issuing': '编号中',
    'state.rendering': '排版中',
    'state.rejected': '名册有误，未发证',
    'batch.failed': '发证失败',
  },
  en: {
    'app.title': 'Skill-talent evaluation documents',
    'nav.forms': 'Documents',
    'nav.batches': 'Batch issuance',
    'nav.docs': 'API docs',
    'lang.switch': '中文',
    'index.heading': 'Documents',
    'index.intro': 'Choose a document to fill in, preview and download; or build a filing packet or issue a batch.',
    'index.packets': 'Filing packets',
    'index.packetsIntro': 'Upload the materials of a checklist and get the filing packet (ZIP).',
    'index.batches': 'Batch issuance',
    'index.batchesIntro': 'Upload a roster and photos to number and print certificates.',
    'index.col.doc': 'Document',
    'index.col.kind': 'Kind',
    'index.col.formats': 'Formats',
    'index.col.status': 'Completeness',
    'index.checkOnly': 'check only',
    'kind.certificate': 'Certificate',
    'kind.card': 'Card',
    'kind.cover': 'Cover',
    'kind.table-form': 'Table form',
    'kind.roster': 'Roster',
    'kind.summary-table': 'Summary table',
    'kind.outline': 'Outline',
    'kind.checklist': 'Checklist',
    'status.complete': 'complete',
    'status.partial': 'partly inferred',
    'loading': 'Loading…',
    'error.load': 'Could not load',
    'form.preview': 'Preview',
    'form.previewHint': 'The printed page appears here once the form is valid.',
    'form.previewStale': 'Fix the errors first; the preview shows the last valid content.',
    'form.issues': 'Problems',
    'form.noIssues': 'No problems found.',
    'form.downloadPdf': 'Download PDF',
    'form.downloadDocx': 'Download DOCX',
    'form.checking': 'Checking…',
    'form.rendering': 'Rendering…',
    'form.photo': 'Choose an image (JPEG/PNG)',
    'form.photoNone': 'No image chosen',
    'form.loadExample': 'Load example',
    'form.copyJson': 'Copy JSON',
    'form.copied': 'Copied to the clipboard.',
    'form.empty': '(blank)',
    'packet.heading': 'Filing packet',
    'packet.checklist': 'Checklist',
    'packet.col.item': 'Item',
    'packet.col.status': 'Status',
    'packet.col.file': 'File',
    'packet.present': 'present',
    'packet.missing': 'missing',
    'packet.optional': 'optional',
    'packet.keep': 'kept for inspection',
    'packet.conditional': 'if applicable',
    'packet.generated': 'generated here',
    'packet.request': 'Request data (JSON)',
    'packet.requestHint': 'The data of the generated documents; fill them on their form pages and paste here.',
    'packet.submit': 'Build packet',
    'packet.done': 'The packet is ready.',
    'packet.badJson': 'The request data is not valid JSON.',
    'batch.heading': 'Batch issuance',
    'batch.key': 'API key',
    'batch.keyHint': 'Kept in this browser tab only (sessionStorage).',
    'batch.institution': 'Institution',
    'batch.institutionLoad': 'Load institutions',
    'batch.roster': 'Roster (XLSX or CSV)',
    'batch.photos': 'Photos (ZIP or JPEG/PNG)',
    'batch.issueDate': 'Issue date',
    'batch.submit': 'Issue',
    'batch.progress': 'Progress',
    'batch.rejected': 'The roster did not pass the checks; nothing was issued.',
    'batch.report': 'Validation report',
    'batch.errorXlsx': 'Download the error report (XLSX)',
    'batch.results': 'Result files',
    'batch.col.row': 'Row',
    'batch.col.column': 'Column',
    'batch.col.code': 'Code',
    'batch.col.message': 'Message',
    'batch.needKey': 'Enter the API key.',
    'batch.needInstitution': 'Choose the institution.',
    'batch.needRoster': 'Choose the roster file.',
    'batch.done': 'Issued',
    'stage.validate': 'validate',
    'stage.number': 'number',
    'stage.render': 'render',
    'stage.outputs': 'outputs',
    'state.queued': 'queued',
    'state.validating': 'validating',
    'state.issuing': 'numbering',
    'state.rendering': 'rendering',
    'state.rejected': 'roster refused, nothing issued',
    'batch.failed': 'Issuance failed',
  },
};

const STORAGE_KEY = 'sef-lang';
const listeners = [];

export function lang() {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh';
}

export function t(key) {
  return TEXTS[lang()][key] ?? TEXTS.zh[key] ?? key;
}

/** Picks the text for the current language from a { zh, en } pair (or returns a plain string). */
export function pick(pair) {
  if (pair && typeof pair === 'object') return pair[lang()] || pair.zh || pair.en || '';
  return pair ?? '';
}

export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Fills every [data-i18n] element under `root` with its text. */
export function applyTexts(root = document) {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}

/** Wires the header's language button; call once per page. */
export function initLanguage() {
  applyTexts();
  const button = document.getElementById('lang-switch');
  button?.addEventListener('click', () => {
    localStorage.setItem(STORAGE_KEY, lang() === 'en' ? 'zh' : 'en');
    applyTexts();
    for (const fn of listeners) fn(lang());
  });
}
