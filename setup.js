// In each test file's own copy of cdktf, what the app's launcher changes to synthesize faster
// (tools/cdktf-speedups.cjs). Nothing else: a test file that needs no cdktf loads little of it.
require("./tools/cdktf-speedups.cjs").installCdktfSpeedups(require);
