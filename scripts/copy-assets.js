#!/usr/bin/env node
// tsc does not copy plain files; the build needs the libxml2 loader beside its caller and the
// dashboard's, the GraphQL IDE's and the administrator's page, script and style sheet beside their routers. An argument names another build
// directory than dist/ (the tests' private builds, test/helpers/processen.ts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');
for (const rel of [
  'src/messaging/ijw/libxml2-loader.cjs',
  'src/rapportage/dashboard/index.html',
  'src/rapportage/dashboard/dashboard.js',
  'src/rapportage/dashboard/dashboard.css',
  'src/graphql/ide/ide.html',
  'src/graphql/ide/ide.js',
  'src/graphql/ide/ide.css',
  'src/beheer/pagina/index.html',
  'src/beheer/pagina/beheer.js',
  'src/beheer/pagina/beheer.css',
  'src/openbaar/pagina/index.html',
  'src/openbaar/pagina/open.js',
  'src/openbaar/pagina/open.css',
  // The StUF-GGk 0210 spec files: the GGk adapter validates every envelope against them.
  'spec/ggk0210/soap11-envelop.xsd',
  'spec/ggk0210/0301/stuf0301.xsd',
  'spec/ggk0210/0301/stuf0301_types.wsdl',
  'spec/ggk0210/ggk0210/ggkberichten/ggk0210_msg_ggkberichten.xsd',
  'spec/ggk0210/ggk0210/ggkberichten/ggk0210_stuf0301_msg_ggkberichten.xsd',
  'spec/ggk0210/ggk0210/ggkberichten/ggk0210_OntvangAsynchroon_ggkberichten.wsdl',
]) {
  const to = path.join(out, rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(root, rel), to);
}
