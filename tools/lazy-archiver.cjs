// cdktf's `archiver`, loaded on its first call: cdktf's index loads it (for TerraformAsset, which
// nothing here uses) and with it some hundred files, at every synth and in every test file that
// imports cdktf. The app's launcher gives cdktf this instead (cdktf-speedups.cjs), and
// jest.config.js maps `archiver` here.
"use strict";
const path = require("path");

let archiver;
module.exports = (...args) => {
  // The copy cdktf itself resolves, found by its package folder (the name `archiver` alone is
  // mapped to this file under jest).
  const cdktf = path.dirname(require.resolve("cdktf/package.json"));
  const folder = path.dirname(require.resolve("archiver/package.json", { paths: [cdktf] }));
  archiver ??= require(path.join(folder, require(path.join(folder, "package.json")).main ?? "index.js"));
  return archiver(...args);
};
