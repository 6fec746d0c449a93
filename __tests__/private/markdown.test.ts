import { tableCell } from "../../src/private/markdown";

test("tableCell keeps a cell one cell: pipes escaped, lines joined, angle brackets not read as HTML", () => {
  expect(tableCell("a | b\nc <file>")).toBe("a \\| b c &lt;file&gt;");
});
