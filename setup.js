// Token creation stacks formatted only when read, in each test file's own copy of cdktf, as the
// app's launcher does (tools/token-traces.cjs). Nothing else: a test file that needs no cdktf
// loads none.
require("./tools/token-traces.cjs").installLazyTokenTraces(require);
