/** The layout meta-schema keeps layout numbers in the layout: text that may wrap must declare its leading. */
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../../src/forms/meta-validator.js';

const layout = (text: Record<string, unknown>) => ({
  kind: 'certificate',
  page: { widthMm: 100, heightMm: 50 },
  pages: [{ id: 'p', elements: [{ id: 't', type: 'text', xMm: 1, yMm: 1, font: 'kai', sizePt: 12, runs: [{ text: 'x' }], ...text }] }],
});

describe('layout meta-schema', () => {
  it('rejects wrapping text without lineHeightPt', () => {
    expect(() => checkLayout(layout({ widthMm: 50 }), 'test')).toThrow(/lineHeightPt/);
    expect(() => checkLayout(layout({ widthMm: 50, maxLines: 3 }), 'test')).toThrow(/lineHeightPt/);
  });
  it('accepts a one-line fit box, or wrapping text with its leading', () => {
    expect(() => checkLayout(layout({ widthMm: 50, maxLines: 1 }), 'test')).not.toThrow();
    expect(() => checkLayout(layout({ widthMm: 50, lineHeightPt: 18 }), 'test')).not.toThrow();
  });
  it('rejects unknown properties and font roles', () => {
    expect(() => checkLayout(layout({ colour: 'red' }), 'test')).toThrow();
    expect(() => checkLayout(layout({ font: 'comic' }), 'test')).toThrow();
  });
});
