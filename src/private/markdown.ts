/** Text for a Markdown table cell: pipes escaped, lines joined, and `<placeholders>` kept from being read as HTML. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
