// libxml2-wasm is an ES module with top-level await, which `require` cannot load. A real
// dynamic import() from a plain CommonJS file works in Node and in jest (with vm modules),
// where TypeScript would have rewritten it into require(). Copied to dist by `npm run build`.
'use strict';
module.exports = () => import('libxml2-wasm');
