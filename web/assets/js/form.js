// The form page: a form built by json-editor from the document's JSON Schema, checked by the server
// (POST /forms/{id}/validate) as you type, with each message shown next to its field, and a live
// preview of the printed page (POST /forms/{id}/render?format=html) in a sandboxed iframe.
import { $, debounce, el, replace, saveBlob } from './dom.js';
import { ApiError, fileNameOf, getJson, issueMessage, postJson, problemText } from './api.js';
import { initLanguage, lang, onLanguageChange, pick, t } from './i18n.js';
import { editorFor, prepareSchema } from './schema-prep.js';
import { fitPreview, pageSizeOf, previewHtml } from './preview.js';

const formId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const base = `/forms/${encodeURIComponent(formId)}`;
const VALIDATE_DELAY_MS = 400;
/** json-editor reads a text field on 'change' (blur); typing is relayed after this pause so checks run as you type. */
const TYPING_PAUSE_MS = 500;

const state = {
  manifest: undefined,
  schema: undefined,
  editor: undefined,
  errors: [],
  warnings: [],
  /** Increments on every change; answers to older requests are dropped. */
  seq: 0,
  previewHtml: undefined,
  /** The JSON text of the document the preview shows. */
  previewJson: undefined,
};

function setStatus(text, kind = '') {
  const node = $('#status');
  node.className = `status ${kind}`;
  node.textContent = text;
}

/** The line above the preview: a hint before the first preview, a warning while it is stale. */
function showPreviewNote() {
  const stale = $('#preview').classList.contains('stale');
  $('#preview-note').textContent = !state.previewHtml ? t('form.previewHint') : stale ? t('form.previewStale') : '';
}

function setBusy(text) {
  $('#busy').textContent = text;
}

function renderHeading() {
  const m = state.manifest;
  const title = pick(m.title) || formId;
  $('#title').textContent = title;
  document.title = `${title} · ${t('app.title')}`;
  const sub = [m.catalogue, m.source?.[0]?.docNo, lang() === 'en' ? m.title?.zh : m.title?.en].filter(Boolean).join(' · ');
  $('#subtitle').textContent = sub;
}

/** Photos and seals: one file input per image field, stored as { mediaType, base64 }. */
function decorateImages(editor) {
  for (const [path, child] of Object.entries(editor.editors)) {
    if (!child?.schema?.['x-sef-image'] || !child.container) continue;
    const thumb = el('img', { class: 'thumb', alt: '' });
    const name = el('span', { class: 'file-name' });
    const showValue = () => {
      const v = child.getValue();
      if (v && typeof v.base64 === 'string' && v.base64.length > 0) {
        thumb.src = `data:${v.mediaType === 'image/png' ? 'image/png' : 'image/jpeg'};base64,${v.base64}`;
        thumb.hidden = false;
      } else {
        thumb.hidden = true;
        name.textContent = t('form.photoNone');
      }
    };
    const input = el('input', {
      type: 'file',
      accept: 'image/jpeg,image/png',
      'data-path': path,
      onchange: () => {
        const file = input.files?.[0];
        if (!file) return;
        const reader = new FileReader();
        reader.onload = () => {
          const dataUrl = String(reader.result);
          const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
          child.setValue({ mediaType: file.type === 'image/png' ? 'image/png' : 'image/jpeg', base64 });
          name.textContent = file.name;
          child.onChange(true);
          showValue();
        };
        reader.readAsDataURL(file);
      },
    });
    const field = el('div', { class: 'photo-field' }, thumb, el('label', { class: 'file-button' }, t('form.photo'), input), name);
    child.container.append(field);
    showValue();
  }
}

/**
 * Images given as { file } (a path next to a data file on disk) mean nothing to a browser: they are
 * dropped, so the field asks for an upload and the server says what is missing.
 */
function withoutFileImages(value) {
  if (Array.isArray(value)) return value.map(withoutFileImages);
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    const isFileImage = child && typeof child === 'object' && !Array.isArray(child) && typeof child.file === 'string' && Object.keys(child).length === 1;
    if (!isFileImage) out[key] = withoutFileImages(child);
  }
  return out;
}

/** json-editor's own button texts in Chinese (its validator messages are off: the server's are shown). */
const JSON_EDITOR_ZH = {
  button_add: '添加',
  button_add_row_title: '添加{{0}}',
  button_delete_row_title: '删除{{0}}',
  button_delete_row_title_short: '删除',
  button_copy_row_title: '复制{{0}}',
  button_copy_row_title_short: '复制',
  button_delete_last: '最后一项{{0}}',
  button_delete_last_title: '删除最后一项{{0}}',
  button_delete_all: '全部',
  button_delete_all_title: '全部删除',
  button_move_up_title: '上移',
  button_move_down_title: '下移',
  button_collapse: '收起',
  button_expand: '展开',
  button_delete_node_warning: '确定删除这一项吗？',
};

function useJsonEditorLanguage() {
  const defaults = window.JSONEditor.defaults;
  defaults.languages.zh = { ...(defaults.languages.zh || {}), ...JSON_EDITOR_ZH };
  defaults.language = lang() === 'en' ? 'en' : 'zh';
}

async function buildEditor(startValue) {
  state.editor?.destroy();
  useJsonEditorLanguage();
  const holder = $('#editor');
  replace(holder);
  const options = {
    schema: prepareSchema(state.schema, lang()),
    theme: 'html',
    iconlib: null,
    disable_edit_json: true,
    disable_properties: true,
    disable_collapse: true,
    disable_array_delete_last_row: true,
    disable_array_delete_all_rows: true,
    prompt_before_delete: false,
    show_errors: 'never',
    show_opt_in: true,
    no_additional_properties: true,
    use_name_attributes: false,
  };
  if (startValue !== undefined) options.startval = startValue;
  const editor = new window.JSONEditor(holder, options);
  state.editor = editor;
  await new Promise((resolve) => editor.on('ready', resolve));
  decorateImages(editor);
  editor.on('change', onChange);
  showIssues();
}

const scheduleValidate = debounce(() => validate(), VALIDATE_DELAY_MS);

function onChange() {
  state.seq += 1;
  scheduleValidate();
}

function splitResult(result) {
  const all = [...(result.errors || []), ...(result.issues || [])];
  const warnings = [...(result.warnings || []), ...all.filter((i) => i.severity === 'warning')];
  return { errors: all.filter((i) => i.severity !== 'warning'), warnings };
}

async function validate() {
  const seq = state.seq;
  const value = state.editor.getValue();
  setBusy(t('form.checking'));
  let outcome;
  try {
    outcome = splitResult(await (await postJson(`${base}/validate`, value)).json());
  } catch (error) {
    if (!(error instanceof ApiError) || error.issues.length === 0) {
      if (seq === state.seq) {
        setBusy('');
        setStatus(`${t('error.load')}: ${problemText(error, lang())}`, 'error');
      }
      return;
    }
    outcome = splitResult({ issues: error.issues });
  }
  if (seq !== state.seq) return;
  state.errors = outcome.errors;
  state.warnings = outcome.warnings;
  setStatus('');
  showIssues();
  if (state.errors.length === 0) {
    // The same document as the preview shows: no second render (renders are rate-limited per client).
    const json = JSON.stringify(value);
    if (json === state.previewJson) {
      setBusy('');
      $('#preview').classList.remove('stale');
      showPreviewNote();
    } else await preview(value, seq, json);
  } else {
    setBusy('');
    $('#preview').classList.add('stale');
    showPreviewNote();
  }
}

function renderFile(value, format) {
  return postJson(`${base}/render?format=${format}`, value, { headers: { accept: '*/*' } });
}

async function preview(value, seq, json) {
  setBusy(t('form.rendering'));
  try {
    const html = await (await renderFile(value, 'html')).text();
    if (seq !== state.seq) return;
    state.previewHtml = html;
    state.previewJson = json;
    showPreview(html);
    showPreviewNote();
  } catch (error) {
    if (seq !== state.seq) return;
    if (error instanceof ApiError && (error.status === 429 || error.status === 503)) {
      // Previews are rate-limited per client: say so, and try again when the server says.
      setStatus(problemText(error, lang()), 'error');
      const wait = (error.retryAfterSeconds ?? 10) * 1000;
      setTimeout(() => {
        if (seq === state.seq) validate();
      }, wait);
    } else if (error instanceof ApiError && error.issues.length > 0) {
      state.errors = error.issues.filter((i) => i.severity !== 'warning');
      showIssues();
    } else setStatus(`${t('error.load')}: ${problemText(error, lang())}`, 'error');
  } finally {
    if (seq === state.seq) setBusy('');
  }
}

function showPreview(html) {
  const box = $('#preview');
  box.classList.remove('stale');
  let frame = box.querySelector('iframe');
  if (!frame) {
    // sandbox without allow-scripts / allow-same-origin: the page is inert and cross-origin.
    frame = el('iframe', { sandbox: '', title: t('form.preview'), id: 'preview-frame' });
    box.append(frame);
  }
  const size = pageSizeOf(html);
  frame.srcdoc = previewHtml(html, size);
  fitPreview(box, frame, size);
}

function issueLine(issue) {
  const ptr = issue.pointer || '/';
  return el(
    'li',
    { class: issue.severity === 'warning' ? 'warning' : 'error', 'data-pointer': ptr, 'data-code': issue.code || '' },
    el('code', {}, ptr),
    ' ',
    el('span', { class: 'code' }, issue.code || ''),
    ' ',
    el('span', { class: 'message' }, issueMessage(issue, lang())),
  );
}

/** Messages next to their fields (json-editor paths from the JSON pointers) and as a list. */
function showIssues() {
  const editor = state.editor;
  for (const node of document.querySelectorAll('#editor .field-issue')) node.remove();
  for (const node of document.querySelectorAll('#editor .has-issue')) node.classList.remove('has-issue');
  const list = $('#issue-list');
  const all = [...state.errors, ...state.warnings];
  if (all.length === 0) {
    replace(list, el('li', { class: 'ok' }, t('form.noIssues')));
  } else replace(list, all.map(issueLine));
  if (!editor) return;
  for (const issue of all) {
    const target = editorFor(editor, issue.pointer || '');
    if (!target?.container) continue;
    const note = el(
      'p',
      { class: `field-issue ${issue.severity === 'warning' ? 'warning' : 'error'}`, 'data-pointer': issue.pointer || '/', role: 'alert' },
      issueMessage(issue, lang()),
    );
    target.container.classList.add('has-issue');
    const anchor = target.container.querySelector(':scope > .photo-field') || target.input;
    if (anchor && anchor.parentNode) anchor.insertAdjacentElement('afterend', note);
    else if (target.header && target.header.parentNode) target.header.insertAdjacentElement('afterend', note);
    else target.container.prepend(note);
  }
}

async function download(format) {
  const button = format === 'pdf' ? $('#download-pdf') : $('#download-docx');
  button.disabled = true;
  try {
    const response = await renderFile(state.editor.getValue(), format);
    saveBlob(await response.blob(), fileNameOf(response, `${formId}.${format}`));
  } catch (error) {
    if (error instanceof ApiError && error.issues.length > 0) {
      state.errors = error.issues;
      showIssues();
    } else setStatus(`${t('error.load')}: ${problemText(error, lang())}`, 'error');
  } finally {
    button.disabled = false;
  }
}

/** Relays typing in text fields to json-editor as 'change' once the typist pauses. */
function relayTyping() {
  const timers = new WeakMap();
  $('#editor').addEventListener('input', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || target.type === 'file' || target.type === 'checkbox') return;
    clearTimeout(timers.get(target));
    timers.set(target, setTimeout(() => target.dispatchEvent(new Event('change', { bubbles: true })), TYPING_PAUSE_MS));
  });
}

/** An example document, or undefined (none, or a batch: an array is not one document). */
async function loadExample(name) {
  try {
    const example = await getJson(`${base}/example?name=${encodeURIComponent(name)}`);
    return Array.isArray(example) ? undefined : withoutFileImages(example);
  } catch {
    return undefined;
  }
}

/** The example chooser and the copy button above the form. */
function wireTools(names, current) {
  const select = $('#example-select');
  replace(select, el('option', { value: '' }, t('form.empty')), names.map((n) => el('option', { value: n }, n)));
  select.value = current;
  select.addEventListener('change', async () => {
    const example = select.value ? await loadExample(select.value) : undefined;
    state.previewJson = undefined;
    await buildEditor(example);
    onChange();
  });
  $('#copy-json').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(JSON.stringify(state.editor.getValue(), null, 2));
      setStatus(t('form.copied'), 'ok');
    } catch (error) {
      setStatus(error.message, 'error');
    }
  });
}

async function main() {
  initLanguage();
  relayTyping();
  setStatus(t('loading'));
  try {
    const [list, manifest, schema] = await Promise.all([getJson('/forms'), getJson(base), getJson(`${base}/schema`)]);
    const entry = (Array.isArray(list) ? list : list.forms || []).find((f) => f.id === formId) || {};
    state.manifest = manifest.manifest || manifest;
    state.schema = schema;
    const names = (entry.examples || ['minimal']).filter((n) => n !== 'batch');
    const exampleName = names.includes('minimal') ? 'minimal' : names[0];
    const example = exampleName ? await loadExample(exampleName) : undefined;
    wireTools(names, example === undefined ? '' : exampleName);
    renderHeading();
    const outputs = entry.formats || state.manifest.outputs || [];
    $('#download-pdf').hidden = !outputs.includes('pdf');
    $('#download-docx').hidden = !outputs.includes('docx');
    $('#download-pdf').addEventListener('click', () => download('pdf'));
    $('#download-docx').addEventListener('click', () => download('docx'));
    await buildEditor(example);
    showPreviewNote();
    setStatus('');
    onChange();
  } catch (error) {
    setStatus(`${t('error.load')}: ${problemText(error, lang())}`, 'error');
    return;
  }
  onLanguageChange(async () => {
    renderHeading();
    showPreviewNote();
    await buildEditor(state.editor.getValue());
  });
}

main();
