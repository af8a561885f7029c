import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, isSafeHref, parseBlocks } from '../../src/web/knowledge/markdown.tsx';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

test('headings, lists, emphasis, code and safe links become elements', () => {
  assert.equal(
    html('## Pasos\n\n1. Abra la **tapa**\n2. Gire *despacio*\n\n- uno\n- `dos`\n\nVer [guía](https://example.org/x) o [llamar](tel:+34900100200).'),
    '<div class="markdown"><h3>Pasos</h3><ol><li>Abra la <strong>tapa</strong></li><li>Gire <em>despacio</em></li></ol>' +
      '<ul><li>uno</li><li><code>dos</code></li></ul>' +
      '<p>Ver <a href="https://example.org/x" rel="noopener noreferrer nofollow" target="_blank">guía</a> o <a href="tel:+34900100200" rel="noopener noreferrer nofollow">llamar</a>.</p></div>',
  );
});

test('HTML and script in content stay text; javascript: and data: links are not links', () => {
  const out = html('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[clic](javascript:alert(3)) [img](data:text/html,hi)');
  assert.ok(!out.includes('<script'), out);
  assert.ok(!out.includes('<img'), out);
  assert.ok(!out.includes('href='), out);
  assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), out);
  assert.equal(isSafeHref('JavaScript:alert(1)'), false);
  assert.equal(isSafeHref(' mailto:a@b.c'), true);
});

test('a fenced block keeps its lines; a list item may continue on an indented line', () => {
  assert.deepEqual(parseBlocks('```\na  b\n<c>\n```\n- one\n  more'), [
    { kind: 'code', text: 'a  b\n<c>' },
    { kind: 'list', ordered: false, items: ['one more'] },
  ]);
});
