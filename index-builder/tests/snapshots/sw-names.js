// Written by `index-builder finish-site` from engine/src/files.rs: the data files and their cache, named once.
const DATA = 'twir-data';
const DATA_DIR = 'data/';
const MANIFEST = 'data/manifest.json';
const SEGMENT = /^data\/index\.[0-9a-f]+\.bin$/;
const SAVED_AT_INSTALL = ['data/crates-of-the-week.csv', 'data/crates-of-the-week.json', 'data/quotes.json'];
// (end of the names)
