/**
 * Characters XML 1.0 forbids (非法 XML 字符): C0 controls other than tab, line feed and
 * carriage return, U+FFFE/U+FFFF and unpaired surrogates. One of them anywhere in an SVG
 * chart, report.docx's document.xml or an .svg file makes the file unreadable (Word refuses
 * it; resvg and browsers stop parsing), so every output drops them.
 */
// eslint-disable-next-line no-control-regex
const nonXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text without the characters XML 1.0 forbids ({@link https://www.w3.org/TR/xml/#charsets}).
 *
 * @example
 * withoutNonXmlCharacters('一\u0001小\uFFFF'); // => '一小'
 */
export function withoutNonXmlCharacters(text: string): string {
  return text.replace(nonXml, '');
}
