// Turns a document's JSON Schema (as served by GET /forms/{id}/schema, $refs inlined) into the schema
// json-editor builds the form from: labels in the page's language (title / x-title-zh / x-title-en),
// enum labels from x-enum-labels, images as one upload control, and the conditional keywords
// (if/then/else, not) left to the server, whose messages the page shows.

const CJK = /[\u3400-\u9fff]/;
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Keywords json-editor would resolve or turn into a variant switch; the server checks them. */
const DROPPED = ['$id', '$schema', '$comment', 'if', 'then', 'else', 'not'];
/** maxLength above which a string is edited in a text area. */
const LONG_TEXT = 120;

/** The inline-image branch of an image schema ({ mediaType, base64 }), if `node` is one. */
function inlineImageBranch(node) {
  const alternatives = node.oneOf || node.anyOf;
  if (!Array.isArray(alternatives)) return undefined;
  return alternatives.find((b) => isObj(b) && isObj(b.properties) && b.properties.base64 && b.properties.mediaType);
}

function label(node, lang) {
  if (lang === 'en') return node['x-title-en'] || node.title || node['x-title-zh'];
  if (typeof node.title === 'string' && CJK.test(node.title)) return node.title;
  return node['x-title-zh'] || node.title;
}

function prepareNode(node, lang) {
  if (!isObj(node)) return node;
  for (const key of DROPPED) delete node[key];
  const title = label(node, lang);
  if (title) node.title = title;
  if (lang === 'en' && typeof node['x-description-en'] === 'string') node.description = node['x-description-en'];

  const image = inlineImageBranch(node);
  if (image) {
    const mediaTypes = image.properties.mediaType.enum || ['image/jpeg', 'image/png'];
    return {
      title: node.title,
      description: node.description,
      type: 'object',
      'x-sef-image': true,
      additionalProperties: false,
      required: ['mediaType', 'base64'],
      properties: {
        mediaType: { type: 'string', enum: mediaTypes, options: { hidden: true } },
        base64: { type: 'string', options: { hidden: true } },
      },
      options: { disable_properties: true, disable_edit_json: true },
    };
  }

  const enumLabels = node['x-enum-labels'];
  if (isObj(enumLabels)) {
    const keys = Object.keys(enumLabels);
    node.enum = node.type === 'integer' || node.type === 'number' ? keys.map(Number) : keys;
    node.options = { ...(node.options || {}), enum_titles: keys.map((k) => `${k} ${enumLabels[k]}`) };
  }
  if (node.type === 'boolean') node.format = 'checkbox';
  // A string const is a variant's tag ({ type: "paragraph" }): set, not shown.
  if (typeof node.const === 'string') {
    node.type = 'string';
    node.default = node.const;
    node.options = { ...(node.options || {}), hidden: true };
  }
  // Free text (paragraphs of a plan, opinions, commitments) gets a text area, not one line.
  if (node.type === 'string' && !node.enum && !node.format && !node.pattern && (node.maxLength ?? 0) > LONG_TEXT) node.format = 'textarea';

  for (const key of ['properties', '$defs', 'definitions', 'patternProperties']) {
    if (isObj(node[key])) for (const name of Object.keys(node[key])) node[key][name] = prepareNode(node[key][name], lang);
  }
  for (const key of ['items', 'additionalProperties', 'contains']) {
    if (isObj(node[key])) node[key] = prepareNode(node[key], lang);
  }
  // json-editor names an untitled item "item" on its buttons ("添加item").
  if (isObj(node.items) && !node.items.title) node.items.title = lang === 'en' ? 'item' : '一项';
  for (const key of ['prefixItems', 'oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(node[key])) node[key] = node[key].map((n) => prepareNode(n, lang));
  }
  return node;
}

/** Resolves a local '#/a/b' pointer in `root`. */
function resolvePointer(root, ref) {
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/**
 * Copies every local $ref target in place (the served schema is a bundle whose $refs point at
 * #/$defs/…); keywords beside a $ref win over the target's, so a form's title and required list
 * apply to the shared definition.
 */
function inlineRefs(node, root, depth = 0) {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, root, depth));
  if (!isObj(node)) return node;
  let out = node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#') && depth < 32) {
    const { $ref, ...siblings } = node;
    const target = $ref === '#' ? root : resolvePointer(root, $ref);
    if (isObj(target)) {
      const resolved = inlineRefs(target, root, depth + 1);
      out = { ...resolved, ...siblings };
      // A form's own title ("发证日期") is more specific than the shared definition's ("日期" / "Date"):
      // the definition's English label only goes with its own Chinese one.
      const sharedZh = resolved['x-title-zh'] ?? resolved.title;
      if (siblings.title !== undefined && siblings['x-title-en'] === undefined && sharedZh !== siblings.title) delete out['x-title-en'];
      if (isObj(resolved.properties) && isObj(siblings.properties)) {
        // A form narrows a shared property ({ provided: { const: true } }): keep the shared title and type.
        out.properties = { ...resolved.properties };
        for (const [name, schema] of Object.entries(siblings.properties)) {
          const shared = resolved.properties[name];
          out.properties[name] = isObj(shared) && isObj(schema) ? { ...shared, ...schema } : schema;
        }
      }
    } else out = siblings;
  }
  const copy = {};
  for (const [key, value] of Object.entries(out)) copy[key] = key === '$defs' || key === 'definitions' ? value : inlineRefs(value, root, depth);
  return copy;
}

export function prepareSchema(schema, lang) {
  const inlined = inlineRefs(structuredClone(schema), schema);
  delete inlined.$defs;
  delete inlined.definitions;
  return prepareNode(inlined, lang);
}

/** '/holder/idNumber' → 'root.holder.idNumber' (json-editor's path for the same value). */
export function pointerToPath(pointer) {
  if (!pointer || pointer === '/') return 'root';
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return ['root', ...parts].join('.');
}

/** The editor for `pointer`, or the nearest enclosing one json-editor built. */
export function editorFor(jsonEditor, pointer) {
  let path = pointerToPath(pointer);
  for (;;) {
    const editor = jsonEditor.getEditor(path);
    if (editor) return editor;
    const cut = path.lastIndexOf('.');
    if (cut < 0) return jsonEditor.getEditor('root');
    path = path.slice(0, cut);
  }
}
