/**
 * DOCX backend of the flow documents (filing documents): renderFlowDocx and the font names it writes.
 */
export { renderFlowDocx, type DocxRenderOptions } from './render.js';
export { docxFontNames, projectDocxFontNames, type FontNames, type RoleFontNames } from './font-names.js';
