// The index page: every document from GET /forms with a link to its form page, and the filing packets.
import { $, el, replace } from './dom.js';
import { getJson, problemText } from './api.js';
import { initLanguage, lang, onLanguageChange, pick, t } from './i18n.js';

let forms = [];
let packets = [];

/** GET /forms answers a list, or an object holding one under `forms`. */
const listOf = (data, key) => (Array.isArray(data) ? data : Array.isArray(data?.[key]) ? data[key] : []);

function formatsOf(form) {
  return form.formats || form.outputs || [];
}

/** '§7.2' → [7, 2], for the catalogue's order (documents without a section go last). */
const sectionKey = (f) => (f.catalogue ? f.catalogue.replace('§', '').split('.').map(Number) : [Infinity]);
function byCatalogue(a, b) {
  const x = sectionKey(a);
  const y = sectionKey(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.id.localeCompare(b.id);
}

function render() {
  const body = $('#forms tbody');
  replace(
    body,
    forms.map((f) => {
      const title = pick(f.title) || f.id;
      const other = lang() === 'en' ? f.title?.zh : f.title?.en;
      const status = f.completeness?.status || f.completeness;
      return el(
        'tr',
        { 'data-form': f.id },
        el('td', {}, el('a', { href: `/ui/forms/${encodeURIComponent(f.id)}` }, title), other ? el('div', { class: 'sub' }, other) : null,
          el('div', { class: 'sub mono' }, [f.catalogue, f.id].filter(Boolean).join(' · '))),
        el('td', {}, t(`kind.${f.kind}`)),
        el('td', {}, formatsOf(f).length ? formatsOf(f).map((x) => el('span', { class: 'tag' }, String(x).toUpperCase())) : el('span', { class: 'sub' }, t('index.checkOnly'))),
        el('td', { class: status === 'complete' ? 'ok' : 'partial' }, typeof status === 'string' ? t(`status.${status}`) : ''),
      );
    }),
  );
  $('#forms').hidden = forms.length === 0;
  const list = $('#packets ul');
  replace(
    list,
    packets.map((p) =>
      el('li', {}, el('a', { href: `/ui/packets/${encodeURIComponent(p.id)}` }, pick(p.title) || p.id), el('span', { class: 'sub mono' }, ` ${p.id}`)),
    ),
  );
  $('#packets').hidden = packets.length === 0;
}

async function main() {
  initLanguage();
  onLanguageChange(render);
  $('#status').textContent = t('loading');
  try {
    forms = listOf(await getJson('/forms'), 'forms').sort(byCatalogue);
  } catch (error) {
    $('#status').textContent = `${t('error.load')}: ${problemText(error, lang())}`;
    $('#status').className = 'status error';
    return;
  }
  try {
    packets = listOf(await getJson('/packets'), 'packets');
  } catch {
    packets = [];
  }
  $('#status').textContent = '';
  render();
}

main();
