// The packet page: the checklist of a filing packet (GET /packets/{packetId}: the packet definition)
// with present / missing / optional status per item, a file upload for each supplied item, the
// request JSON holding the data of the documents the service generates (filled on their form pages),
// and submit → POST /packets/{packetId} (multipart: `request` + one part per file, named by item id)
// → the ZIP, or the problem's issues.
import { $, debounce, el, replace, saveBlob } from './dom.js';
import { ApiError, fileNameOf, getJson, issueMessage, problemText, request } from './api.js';
import { initLanguage, lang, onLanguageChange, pick, t } from './i18n.js';

const packetId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const base = `/packets/${encodeURIComponent(packetId)}`;

const state = { packet: undefined, items: [], issues: [], request: {} };
/** File inputs by checklist item id (kept across re-renders so chosen files stay chosen). */
const inputs = new Map();

const itemsOf = (p) => (Array.isArray(p?.items) ? p.items : []);
const formIdOf = (item) => item.source?.formId || item.formId;
const isGenerated = (item) => item.source?.type === 'generated' || Boolean(item.formId);
const isRequired = (item) => (item.requirement ? item.requirement === 'required' : item.required !== false);
const itemTitle = (item) => (lang() === 'en' ? item.titleEn || item.title : item.title) || item.id;

function setStatus(text, kind = '') {
  const node = $('#status');
  node.className = `status ${kind}`;
  node.textContent = text;
}

function itemStatus(item) {
  const present = isGenerated(item)
    ? state.request?.documents?.[item.id] !== undefined
    : (inputs.get(item.id)?.files?.length ?? 0) > 0;
  if (present) return { key: 'packet.present', cls: 'present' };
  if (isRequired(item)) return { key: 'packet.missing', cls: 'missing' };
  if (item.requirement === 'keep-for-inspection') return { key: 'packet.keep', cls: 'optional' };
  if (item.requirement === 'conditional') return { key: 'packet.conditional', cls: 'optional' };
  return { key: 'packet.optional', cls: 'optional' };
}

function inputFor(item) {
  let input = inputs.get(item.id);
  if (!input) {
    const types = item.source?.mediaTypes || ['application/pdf', 'image/jpeg', 'image/png'];
    const maxFiles = item.source?.maxFiles ?? 1;
    input = el('input', { type: 'file', multiple: maxFiles > 1, accept: types.join(','), 'data-item': item.id, onchange: render });
    inputs.set(item.id, input);
  }
  return input;
}

const issuesOf = (item) =>
  state.issues.filter((x) => {
    const p = String(x.pointer || '');
    return p === `/${item.id}` || p.startsWith(`/documents/${item.id}`) || p.startsWith(`/supplied/${item.id}`) || p.startsWith(`/files/${item.id}`);
  });

function itemRow(item, i) {
  const s = itemStatus(item);
  const condition = item.condition ? el('div', { class: 'sub' }, pick(item.condition)) : null;
  const fileCell = isGenerated(item)
    ? el('span', {}, el('a', { href: `/ui/forms/${encodeURIComponent(formIdOf(item) || '')}`, target: '_blank' }, formIdOf(item)), el('div', { class: 'sub' }, t('packet.generated'), ` · documents.${item.id}`))
    : inputFor(item);
  return el(
    'tr',
    { 'data-item': item.id, class: s.cls },
    el('td', {}, item.no ?? i + 1),
    el('td', {}, itemTitle(item), condition, issuesOf(item).map((x) => el('p', { class: 'field-issue error' }, issueMessage(x, lang())))),
    el('td', {}, el('span', { class: `badge ${s.cls}`, 'data-status': s.cls }, t(s.key))),
    el('td', {}, fileCell),
  );
}

function render() {
  const p = state.packet;
  if (!p) return;
  const title = pick(p.title) || packetId;
  $('#title').textContent = title;
  document.title = `${title} · ${t('app.title')}`;
  $('#subtitle').textContent = [p.catalogue, lang() === 'en' ? p.title?.zh : p.title?.en, p.copies?.note, packetId].filter(Boolean).join(' · ');
  replace($('#items'), state.items.map(itemRow));
  replace(
    $('#problem-list'),
    state.issues.map((x) => el('li', { class: 'error', 'data-pointer': x.pointer || '/', 'data-code': x.code || '' }, el('code', {}, x.pointer || '/'), ' ', el('span', { class: 'code' }, x.code || ''), ' ', issueMessage(x, lang()))),
  );
  $('#problems').hidden = state.issues.length === 0;
}

/** Reads the request JSON (for the generated items' status); a parse error waits for submit. */
function readRequest() {
  try {
    state.request = JSON.parse($('#request').value || '{}') || {};
  } catch {
    state.request = {};
  }
  render();
}

async function submit(event) {
  event.preventDefault();
  const text = $('#request').value.trim() || '{}';
  try {
    JSON.parse(text);
  } catch {
    state.issues = [{ pointer: '/request', code: 'JSON', message: { zh: t('packet.badJson'), en: t('packet.badJson') } }];
    render();
    return;
  }
  const body = new FormData();
  body.append('request', text);
  for (const [id, input] of inputs) for (const file of input.files || []) body.append(id, file, file.name);
  const button = $('#packet-form button[type=submit]');
  button.disabled = true;
  setStatus(t('loading'));
  try {
    const response = await request(base, { method: 'POST', body, headers: { accept: 'application/zip, application/problem+json' } });
    saveBlob(await response.blob(), fileNameOf(response, `${packetId}.zip`));
    state.issues = [];
    setStatus(t('packet.done'), 'ok');
  } catch (error) {
    state.issues = error instanceof ApiError ? error.issues : [];
    setStatus(problemText(error, lang()), 'error');
  } finally {
    button.disabled = false;
    render();
  }
}

async function main() {
  initLanguage();
  onLanguageChange(render);
  setStatus(t('loading'));
  try {
    state.packet = await getJson(base);
  } catch (error) {
    setStatus(`${t('error.load')}: ${problemText(error, lang())}`, 'error');
    return;
  }
  state.items = itemsOf(state.packet);
  const example = state.packet.example ?? state.packet.request ?? { applicant: { name: '' }, documents: {} };
  $('#request').value = JSON.stringify(example, null, 2);
  $('#request').addEventListener('input', debounce(readRequest, 300));
  $('#packet-form').hidden = false;
  $('#packet-form').addEventListener('submit', submit);
  setStatus('');
  readRequest();
}

main();
