// Registers CDKTF's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
const cdktf = require("cdktf");
cdktf.Testing.setupJest();
// Token creation stacks formatted only when read, in this test file's own copy of cdktf (as the app does).
require("./tools/token-traces.cjs").installLazyTokenTraces(require);
