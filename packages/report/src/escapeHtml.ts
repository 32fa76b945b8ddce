/**
 * Escapes text for HTML element content and quoted attribute values (转义). Every string
 * that comes from the data — school and county names, headers, cell values — goes through
 * it, so a school named `<script>alert(1)</script>` is shown as text.
 *
 * @example
 * escapeHtml('<b>"一小"</b>'); // => '&lt;b&gt;&quot;一小&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
