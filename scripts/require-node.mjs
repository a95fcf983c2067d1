// Imported first by the build (run by `npm ci` through `prepare`): on a Node.js older than gtp supports, npm only
// warns (EBADENGINE, once per package), so the install stops here with one plain sentence instead.
const major = Number(process.versions.node.split('.')[0]);
if (!(major >= 22)) {
  process.stderr.write(
    `gtp needs Node.js 22 or newer; this is v${process.versions.node}. Install a current Node.js ` +
      '(https://nodejs.org, or your package manager), then run npm ci again.\n',
  );
  process.exit(2);
}
