// The batch page: API key (sessionStorage only), institution, roster + photos, issue date →
// POST /batches with a fresh Idempotency-Key → progress by polling GET /batches/{id} with fetch (an
// EventSource cannot send the Authorization header) → the validation report or the result files.
import { $, el, replace, saveBlob } from './dom.js';
import { ApiError, fileNameOf, issueMessage, problemText, request } from './api.js';
import { initLanguage, lang, onLanguageChange, t } from './i18n.js';

const KEY_STORAGE = 'sef-api-key';
const POLL_MS = 500;
/** Share of the bar each stage fills (validation and numbering are quick; printing is the bulk). */
const STAGE_WEIGHTS = { validate: 0.15, number: 0.1, render: 0.6, outputs: 0.15 };
const TERMINAL = new Set(['done', 'rejected', 'failed']);

const state = { job: undefined, report: undefined, problem: undefined };

const key = () => $('#api-key').value.trim();
const auth = () => ({ authorization: `Bearer ${key()}` });

function setStatus(text, kind = '') {
  const node = $('#status');
  node.className = `status ${kind}`;
  node.textContent = text;
}

const listOf = (data, name) => (Array.isArray(data) ? data : Array.isArray(data?.[name]) ? data[name] : []);

async function loadInstitutions() {
  if (!key()) return setStatus(t('batch.needKey'), 'error');
  try {
    const list = listOf(await (await request('/institutions', { headers: { ...auth(), accept: 'application/json' } })).json(), 'institutions');
    const select = $('#institution');
    const previous = select.value;
    replace(
      select,
      list.map((i) => el('option', { value: i.id }, [i.name, i.code ? `(${i.code})` : '', `· ${i.id}`].filter(Boolean).join(' '))),
    );
    if (list.some((i) => i.id === previous)) select.value = previous;
    setStatus('');
  } catch (error) {
    setStatus(problemText(error, lang()), 'error');
  }
}

/** 0–100 from the job's stage counts. */
export function percentOf(job) {
  if (job.state === 'done') return 100;
  if (typeof job.percent === 'number') return job.percent;
  let sum = 0;
  for (const [stage, weight] of Object.entries(STAGE_WEIGHTS)) {
    const p = job.progress?.[stage];
    if (p && p.total > 0) sum += weight * Math.min(1, p.done / p.total);
  }
  return Math.round(sum * 100);
}

/** A same-origin path only: a link the server sends is used when it is one. */
const isLocalPath = (href) => typeof href === 'string' && /^\/(?![/\\])/.test(href);

function fileUrl(job, file) {
  if (isLocalPath(file.href)) return file.href;
  return `/batches/${encodeURIComponent(job.id)}/files/${String(file.path).split('/').map(encodeURIComponent).join('/')}`;
}

async function downloadFile(url, fallbackName) {
  try {
    const response = await request(url, { headers: auth() });
    saveBlob(await response.blob(), fileNameOf(response, fallbackName));
  } catch (error) {
    setStatus(problemText(error, lang()), 'error');
  }
}

function fileLink(job, file, text) {
  const url = fileUrl(job, file);
  const name = file.path.split('/').pop();
  return el('a', { href: url, class: 'file', 'data-role': file.role, onclick: (e) => { e.preventDefault(); downloadFile(url, name); } }, text || name);
}

function render() {
  const job = state.job;
  if (!job) return;
  $('#progress-box').hidden = false;
  const percent = percentOf(job);
  $('#progress').value = percent;
  const stage = ['outputs', 'render', 'number', 'validate'].find((s) => job.progress?.[s]);
  const p = stage ? job.progress[stage] : undefined;
  $('#progress-text').textContent = `${percent} %${p ? ` · ${t(`stage.${stage}`)} ${p.done}/${p.total}` : ''}`;
  const stateNode = $('#state');
  stateNode.textContent = job.state === 'done' ? t('batch.done') : job.state === 'failed' ? t('batch.failed') : t(`state.${job.state}`);
  stateNode.className = `state ${job.state}`;
  stateNode.dataset.state = job.state;

  const files = Array.isArray(job.files) ? job.files : [];
  const results = files.filter((f) => !String(f.role).startsWith('error-report'));
  $('#results').hidden = !(job.state === 'done' && results.length > 0);
  replace(
    $('#result-list'),
    results.map((f) =>
      el('li', {}, fileLink(job, f), el('span', { class: 'sub' }, ` ${[f.role, f.pages ? `${f.pages} p` : '', f.bytes ? `${Math.ceil(f.bytes / 1024)} KB` : ''].filter(Boolean).join(' · ')}`)),
    ),
  );

  const rejected = job.state === 'rejected';
  const issues = rejected ? state.report?.errors || [] : state.problem?.issues || [];
  $('#problems').hidden = !(rejected || issues.length > 0 || job.state === 'failed');
  $('#problem-summary').textContent = rejected ? `${t('batch.rejected')} (${job.counts?.errors ?? issues.length})` : job.error ? issueMessage(job.error, lang()) || job.error.code : '';
  replace(
    $('#problem-rows'),
    issues.map((i) =>
      el('tr', {}, el('td', {}, i.row ?? ''), el('td', {}, i.header || i.column || i.pointer || ''), el('td', { class: 'mono' }, i.code || ''), el('td', {}, issueMessage(i, lang()))),
    ),
  );
  const xlsx = files.find((f) => f.role === 'error-report-xlsx');
  replace($('#error-xlsx'), xlsx ? fileLink(job, xlsx, t('batch.errorXlsx')) : '');
}

async function loadReport(job) {
  const json = (job.files || []).find((f) => f.role === 'error-report-json');
  const url = isLocalPath(job.errorReport?.json) ? job.errorReport.json : json && fileUrl(job, json);
  if (!url) return;
  try {
    state.report = await (await request(url, { headers: { ...auth(), accept: 'application/json' } })).json();
  } catch {
    state.report = undefined;
  }
}

async function poll(url) {
  for (;;) {
    const job = await (await request(url, { headers: { ...auth(), accept: 'application/json' } })).json();
    state.job = job;
    if (TERMINAL.has(job.state)) {
      if (job.state === 'rejected') await loadReport(job);
      render();
      return;
    }
    render();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function submit(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY_STORAGE, key());
  if (!key()) return setStatus(t('batch.needKey'), 'error');
  const institution = $('#institution').value;
  if (!institution) return setStatus(t('batch.needInstitution'), 'error');
  const roster = $('#roster').files?.[0];
  if (!roster) return setStatus(t('batch.needRoster'), 'error');
  const body = new FormData();
  body.append('institution', institution);
  if ($('#issue-date').value) body.append('issueDate', $('#issue-date').value);
  body.append('roster', roster, roster.name);
  // One ZIP, or the photos themselves (named by ID number); the server refuses a mix.
  for (const photo of $('#photos').files || []) body.append('photos', photo, photo.name);

  state.job = undefined;
  state.report = undefined;
  state.problem = undefined;
  $('#results').hidden = true;
  $('#problems').hidden = true;
  const button = $('#batch-form button[type=submit]');
  button.disabled = true;
  setStatus(t('loading'));
  try {
    const response = await request('/batches', {
      method: 'POST',
      headers: { ...auth(), accept: 'application/json', 'idempotency-key': crypto.randomUUID() },
      body,
    });
    const job = await response.json();
    state.job = job;
    setStatus('');
    render();
    const self = [job.links?.self, response.headers.get('location')].find(isLocalPath) || `/batches/${encodeURIComponent(job.id)}`;
    await poll(self);
  } catch (error) {
    setStatus(problemText(error, lang()), 'error');
    if (error instanceof ApiError && error.issues.length > 0) {
      state.problem = error.problem;
      state.job = state.job || { id: '', state: 'failed', files: [], progress: {} };
      render();
    }
  } finally {
    button.disabled = false;
  }
}

function main() {
  initLanguage();
  onLanguageChange(render);
  $('#api-key').value = sessionStorage.getItem(KEY_STORAGE) || '';
  $('#api-key').addEventListener('change', () => sessionStorage.setItem(KEY_STORAGE, key()));
  $('#load-institutions').addEventListener('click', loadInstitutions);
  $('#batch-form').addEventListener('submit', submit);
  $('#issue-date').value = new Date().toISOString().slice(0, 10);
  if (key()) loadInstitutions();
}

main();
