// The installed version of a package, read from its package.json on disk
// (some packages, Publicodes among them, do not export ./package.json).
'use strict';
const fs = require('fs');
const path = require('path');
module.exports = (name) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')).version;
