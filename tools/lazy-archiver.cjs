// `archiver` for cdktf under jest, loaded on its first call: cdktf's index loads it (for
// TerraformAsset, which nothing here uses) and with it some hundred files, in every test file that
// imports cdktf. jest.config.js maps `archiver` here; the app's launcher defers it the same way
// (ts-register.js).
"use strict";
const path = require("path");

let archiver;
module.exports = (...args) => {
  // By its package folder: the name `archiver` itself is mapped to this file.
  const folder = path.dirname(require.resolve("archiver/package.json"));
  archiver ??= require(path.join(folder, require(path.join(folder, "package.json")).main ?? "index.js"));
  return archiver(...args);
};
