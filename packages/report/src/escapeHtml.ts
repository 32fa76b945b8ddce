import { withoutNonXmlCharacters } from './xmlCharacters.js';

/**
 * Escapes text for HTML element content and quoted attribute values (转义). Every string
 * that comes from the data — school and county names, headers, cell values — goes through
 * it, so a school named `<script>alert(1)</script>` is shown as text. Characters XML forbids
 * (control characters) are dropped, so the same text can go into SVG and Word.
 *
 * @example
 * escapeHtml('<b>"一小"</b>'); // => '&lt;b&gt;&quot;一小&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: unknown): string {
  return (
    withoutNonXmlCharacters(String(text ?? ''))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // Full-width punctuation from the data as character references: the English report turns
      // the template's own （）：；，。、 into ASCII, and must leave names such as 一小（东校区） alone.
      .replace(/[（）：；，。、]/g, (c) => `&#${c.codePointAt(0)};`)
  );
}

/**
 * The English report's punctuation (英文标点): the template's full-width （）：；，。、 become
 * ASCII, outside the embedded charts; punctuation from the data was escaped as references by
 * {@link escapeHtml} and is kept.
 *
 * @example
 * englishPunctuation('Mean（95% CI）：512'); // => 'Mean (95% CI): 512'
 */
export function englishPunctuation(html: string): string {
  const map: Record<string, string> = { '（': ' (', '）': ')', '：': ': ', '；': '; ', '，': ', ', '。': '. ', '、': ', ' };
  return html
    .split(/(<figure[\s\S]*?<\/figure>)/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/[（）：；，。、]/g, (c) => map[c]!)
            .replace(/ {2,}\(/g, ' (')
            .replace(/>\s\(/g, '>('),
    )
    .join('');
}
