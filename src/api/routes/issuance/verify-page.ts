/**
 * The public verification page (what a phone shows after scanning a certificate's QR code): a small
 * server-rendered HTML page, every value escaped, no script, one stylesheet allowed by its hash.
 * It shows the masked holder name, the occupation (with 工种), level, institution, issue date and
 * the status — nothing more (no ID number, not even masked; no QR payload). Chinese, English labels.
 */
import { createHash } from 'node:crypto';
import type { VerificationRecord } from '../../../issuance/verification.js';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE =
  'body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1d2129}' +
  'main{max-width:32rem;margin:2rem auto;background:#fff;padding:1.5rem 1.75rem;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}' +
  'h1{font-size:1.25rem;margin:0 0 1rem}h1 small,dt small{color:#6b7280;font-weight:normal}' +
  '.status{font-size:1.1rem;font-weight:bold;padding:.5rem .75rem;border-radius:6px;margin:0 0 1rem}' +
  '.valid{background:#e8f5e9;color:#1b5e20}.void{background:#fdecea;color:#b71c1c}.unknown{background:#fff4e5;color:#8a4b00}' +
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}dt{color:#4b5563}dd{margin:0;font-weight:600;word-break:break-all}' +
  'footer{margin-top:1.25rem;font-size:.8rem;color:#6b7280}';

/** The page's Content-Security-Policy: nothing but this one stylesheet. */
export const VERIFY_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>` +
  `<body><main>${body}<footer>技能人才评价证书查询 · Skill-talent evaluation certificate verification</footer></main></body></html>\n`;

const row = (zh: string, en: string, value: string): string => `<dt>${zh} <small>${en}</small></dt><dd>${escapeHtml(value)}</dd>`;

export function verificationPage(rec: VerificationRecord): string {
  const card = rec.kind === 'supervisor-card';
  const heading = card ? '证卡查询 <small>Card verification</small>' : '证书查询 <small>Certificate verification</small>';
  const status = rec.status === 'issued' ? '<p class="status valid">有效 <small>Valid</small></p>' : '<p class="status void">已作废 <small>Void</small></p>';
  const occupation = rec.occupation ? `${rec.occupation.name}${rec.job ? `（${rec.job}）` : ''}` : undefined;
  const rows = [
    row('编号', 'Number', rec.number),
    row('姓名', 'Name', rec.holderName),
    ...(occupation !== undefined ? [row('职业（工种）', 'Occupation', occupation)] : []),
    ...(rec.level ? [row('等级', 'Level', rec.level.text)] : []),
    row(card ? '颁发机构' : '发证机构', card ? 'Issued by' : 'Institution', rec.institution.name),
    row('发证日期', 'Issue date', rec.issueDate),
  ];
  return page(card ? '证卡查询 · Card verification' : '证书查询 · Certificate verification', `<h1>${heading}</h1>${status}<dl>${rows.join('')}</dl>`);
}

/** The page for a malformed (400) or unknown (404) number: the catalogue's message in both languages. */
export function verificationErrorPage(message: { zh: string; en: string }): string {
  return page(
    '证书查询 · Certificate verification',
    `<h1>证书查询 <small>Certificate verification</small></h1><p class="status unknown">${escapeHtml(message.zh)}<br><small>${escapeHtml(message.en)}</small></p>`,
  );
}

/**
 * Whether the Accept header prefers text/html to JSON (by q-values; `*\/*` and `text/*` count as
 * well). A tie, or no header, is JSON: curl's `*\/*` gets JSON, a browser's `text/html,…` the page.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const t = type.trim();
    if (t === 'text/html' || t === 'application/xhtml+xml') html = Math.max(html, q);
    else if (t === 'application/json' || t === 'application/problem+json') json = Math.max(json, q);
    else if (t === '*/*') {
      html = Math.max(html, q * 0.999);
      json = Math.max(json, q);
    } else if (t === 'text/*') html = Math.max(html, q * 0.999);
  }
  return html > json;
}
