// The packet page: the checklist of a filing packet (GET /packets/{packetId}) with present / missing /
// optional status per item, a file upload for each supplied item, the request JSON of the documents
// the service generates, and submit → POST /packets/{packetId} (multipart) → the ZIP.
import { $, el, replace, saveBlob } from './dom.js';
import { ApiError, fileNameOf, getJson, issueMessage, problemText, request } from './api.js';
import { initLanguage, lang, onLanguageChange, pick, t } from './i18n.js';

const packetId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const base = `/packets/${encodeURIComponent(packetId)}`;

const state = { packet: undefined, items: [], issues: [] };
/** File inputs by checklist item id (kept across language re-renders). */
const inputs = new Map();

const itemsOf = (p) => (Array.isArray(p?.items) ? p.items : Array.isArray(p?.checklist) ? p.checklist : []);
const isGenerated = (item) => Boolean(item.formId || item.generated || item.source === 'generated');
const isRequired = (item) => item.required !== false && item.optional !== true;

function setStatus(text, kind = '') {
  const node = $('#status');
  node.className = `status ${kind}`;
  node.textContent = text;
}

function itemStatus(item) {
  if (isGenerated(item)) return { key: 'packet.generated', cls: 'generated' };
  const chosen = (inputs.get(item.id)?.files?.length ?? 0) > 0;
  if (chosen) return { key: 'packet.present', cls: 'present' };
  return isRequired(item) ? { key: 'packet.missing', cls: 'missing' } : { key: 'packet.optional', cls: 'optional' };
}

function inputFor(item) {
  let input = inputs.get(item.id);
  if (!input) {
    const accept = Array.isArray(item.accept) ? item.accept.join(',') : item.accept || 'application/pdf,image/jpeg,image/png';
    input = el('input', { type: 'file', multiple: item.maxFiles === 1 ? undefined : true, accept, 'data-item': item.id, onchange: render });
    inputs.set(item.id, input);
  }
  return input;
}

function render() {
  const p = state.packet;
  if (!p) return;
  const title = pick(p.title) || packetId;
  $('#title').textContent = title;
  document.title = `${title} · ${t('app.title')}`;
  $('#subtitle').textContent = [p.catalogue, p.docNo, packetId].filter(Boolean).join(' · ');
  replace(
    $('#items'),
    state.items.map((item, i) => {
      const s = itemStatus(item);
      const issues = state.issues.filter((x) => x.pointer === `/files/${item.id}` || String(x.pointer || '').startsWith(`/items/${item.id}`));
      return el(
        'tr',
        { 'data-item': item.id, class: s.cls },
        el('td', {}, item.number ?? i + 1),
        el('td', {}, pick(item.title || item.label || item.name) || item.id, item.note ? el('div', { class: 'sub' }, pick(item.note)) : null,
          issues.map((x) => el('p', { class: 'field-issue error' }, issueMessage(x, lang())))),
        el('td', {}, el('span', { class: `badge ${s.cls}` }, t(s.key))),
        el('td', {}, isGenerated(item)
          ? el('a', { href: `/ui/forms/${encodeURIComponent(item.formId || '')}` }, item.formId || '')
          : inputFor(item)),
      );
    }),
  );
  const list = $('#problem-list');
  replace(list, state.issues.map((x) => el('li', { class: 'error', 'data-pointer': x.pointer || '/' }, el('code', {}, x.pointer || '/'), ' ', el('span', { class: 'code' }, x.code || ''), ' ', issueMessage(x, lang()))));
  $('#problems').hidden = state.issues.length === 0;
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
  const example = state.packet.example ?? state.packet.request;
  $('#request').value = JSON.stringify(example ?? {}, null, 2);
  $('#packet-form').hidden = false;
  $('#packet-form').addEventListener('submit', submit);
  setStatus('');
  render();
}

main();
