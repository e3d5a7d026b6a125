// Ringfence's npm scripts run on Node 24, and the project brings it: the `node` devDependency puts a Node 24
// binary in node_modules/.bin, which npm puts first on PATH for every script (and so for every tool, test
// worker and child process they start). This guard runs first — in every script and at the end of
// `npm install` — and, where that did not work, says in one sentence what to do instead of letting a Node
// stack trace say it.
//
// It must run on whatever Node the machine has, however old (Ubuntu 22.04 ships Node 12, older systems
// older ones), so it is ES5 CommonJS with no dependencies; eslint parses it as ES5 to keep it that way.
//
//   node main/cli/node24-guard.cjs            before a script: exit 0 on Node 24 with the dependencies installed
//   node main/cli/node24-guard.cjs install    from the root preinstall: check npm itself, then what it installed
//
// The root preinstall runs `npm rebuild node --ignore-scripts` before this: on Windows the `node` package's
// install script turns its binary into bin/node.exe (and bin/node into a blank file) after npm has linked
// node_modules/.bin/node from the package.json it read before (npm/cli#6324); a rebuild relinks from the
// package.json on disk. Elsewhere it relinks the same file. npm 7 and later run the root preinstall after
// the dependencies are installed, npm 6 before.
'use strict';

var fs = require('fs');
var path = require('path');

var root = path.resolve(__dirname, '..', '..');
var REQUIRED_MAJOR = 24;

function major(version) {
  return parseInt(String(version).replace(/^v/, '').split('.')[0], 10) || 0;
}

function exists(file) {
  try {
    fs.statSync(file);
    return true;
  } catch (e) {
    return false;
  }
}

/** The version of the `node` package in node_modules, or null when it is not installed. */
function bundledNodeVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'node', 'package.json'), 'utf8')).version || null;
  } catch (e) {
    return null;
  }
}

/** Whether the `node` package's install script fetched its binary (bin/node, or bin/node.exe on Windows). */
function bundledNodeFetched() {
  var bin = path.join(root, 'node_modules', 'node', 'bin');
  return exists(path.join(bin, process.platform === 'win32' ? 'node.exe' : 'node'));
}

/** npm's own version, the Node it runs on (from the user agent npm gives every script) and its CLI script. */
function npmInfo() {
  var agent = process.env.npm_config_user_agent || '';
  var npm = /\bnpm\/(\d+[^\s]*)/.exec(agent);
  var node = /\bnode\/v?(\d+[^\s]*)/.exec(agent);
  // Only npm itself is asked to complete an install (yarn and pnpm put themselves in npm_execpath too).
  var cli = /^npm\//.test(agent) ? process.env.npm_execpath || null : null;
  return { npm: npm ? npm[1] : null, node: node ? node[1] : null, cli: cli };
}

/**
 * What to do, from the facts (a pure function, so the test can walk every case without an old Node):
 * { exit: 0 | 1, en, zh } — a sentence to print in both languages, or none when all is well.
 */
function advise(facts) {
  var here = facts.here;
  var bundled = facts.bundled;
  if (facts.mode === 'install') {
    // npm 6 and older cannot read the lock file (lockfileVersion 3) and would rewrite it. npm 6 runs this
    // preinstall before it installs anything, so this is the first thing such a user sees.
    if (facts.npm && major(facts.npm) < 7) {
      return problem(
        'this npm (' +
          facts.npm +
          ') is too old for Ringfence: install Node.js 18 or newer from https://nodejs.org (it comes with a newer npm), then run `npm install` again.',
        '这里的 npm（' +
          facts.npm +
          '）版本太旧，无法安装 Ringfence：请从 https://nodejs.org 安装 Node.js 18 或更高版本（自带新版 npm），然后重新运行 `npm install`。'
      );
    }
    if (major(here) >= REQUIRED_MAJOR) {
      // npm 7 and later run this after installing the dependencies, with node_modules/.bin first on PATH.
      if (facts.npmNode && major(facts.npmNode) < REQUIRED_MAJOR) {
        // npm leaves out an optional dependency whose `engines` its own Node does not meet — such as the
        // native part of the bundler (rolldown: Node ^20.19 || >=22.12), without which nothing builds. The
        // scripts run on Node 24, so npm runs once more on Node 24 to add what it skipped.
        var advice = note(
          'npm put Node ' +
            here +
            " in node_modules and every script (`npm start`, `npm test`, …) runs on it, not on this machine's Node " +
            facts.npmNode +
            ', which the EBADENGINE warnings above are about; now completing the install on Node ' +
            here +
            ', since npm skips some parts on an older Node.',
          'npm 已把 Node ' +
            here +
            ' 装进 node_modules，所有脚本（`npm start`、`npm test` 等）都用它运行，而不是本机的 Node ' +
            facts.npmNode +
            '（上面的 EBADENGINE 警告说的就是它）；npm 在旧版 Node 上会跳过一部分依赖，现在用 Node ' +
            here +
            ' 补全安装。'
        );
        advice.completeInstall = !!facts.npmCli;
        return advice;
      }
      return ok;
    }
    if (!bundled) {
      // `npm install --omit=dev` (or NODE_ENV=production) leaves the devDependencies out on purpose: say
      // what that means for the scripts, but do not fail an install someone asked for.
      return note(
        "the devDependencies were left out, so there is no Node 24 for Ringfence's scripts: `npm start` and `npm test` need a full `npm install`.",
        '未安装 devDependencies，Ringfence 的脚本就没有 Node 24 可用：`npm start` 和 `npm test` 需要完整的 `npm install`。'
      );
    }
    if (!facts.fetched) {
      return problem(
        "npm did not run the install script of the `node` package, which fetches the Node 24 that Ringfence's scripts run on: allow it (`npm install-scripts approve node`, or remove ignore-scripts from your npm config) and run `npm install` again.",
        'npm 没有运行 `node` 包的安装脚本，而 Ringfence 的脚本所用的 Node 24 正是由它下载的：请允许它运行（`npm install-scripts approve node`，或从 npm 配置中去掉 ignore-scripts），然后重新运行 `npm install`。'
      );
    }
    return problem(
      'npm fetched Node ' +
        bundled +
        ' into node_modules but runs this on Node ' +
        here +
        ': run `npm rebuild node` to relink node_modules/.bin/node, then `npm install` again.',
      'npm 已把 Node ' +
        bundled +
        ' 下载到 node_modules，却仍用 Node ' +
        here +
        ' 运行脚本：请运行 `npm rebuild node` 重新链接 node_modules/.bin/node，然后重新运行 `npm install`。'
    );
  }

  if (major(here) >= REQUIRED_MAJOR) {
    if (!facts.installed) return problem('the dependencies are not installed yet: run `npm install` first.', '依赖尚未安装：请先运行 `npm install`。');
    return ok;
  }
  if (!bundled) {
    return problem(
      "Ringfence's scripts run on Node 24, which `npm install` puts in node_modules: run `npm install` first (this is Node " + here + ').',
      'Ringfence 的脚本运行在 Node 24 上，它由 `npm install` 装进 node_modules：请先运行 `npm install`（当前是 Node ' + here + '）。'
    );
  }
  if (!facts.fetched) {
    return problem(
      "`npm install` skipped the install script that fetches the Node 24 Ringfence's scripts run on (is ignore-scripts set?): run `npm rebuild node --ignore-scripts=false`, then try again.",
      '`npm install` 跳过了下载 Node 24 的安装脚本（是否设置了 ignore-scripts？），而 Ringfence 的脚本要用它运行：请运行 `npm rebuild node --ignore-scripts=false`，然后重试。'
    );
  }
  return problem(
    'this ran on Node ' +
      here +
      ' instead of the Node ' +
      bundled +
      ' in node_modules: start scripts through npm (`npm start`, `npm test`, `npm run <script>`), which puts node_modules/.bin first on PATH, or run `npm rebuild node` if it still happens.',
    '这次运行用的是 Node ' +
      here +
      '，而不是 node_modules 里的 Node ' +
      bundled +
      '：请通过 npm 运行脚本（`npm start`、`npm test`、`npm run <脚本>`），它会把 node_modules/.bin 放在 PATH 最前面；如果仍然如此，请运行 `npm rebuild node`。'
  );
}

var ok = { exit: 0, en: null, zh: null };
function note(en, zh) {
  return { exit: 0, en: en, zh: zh };
}
function problem(en, zh) {
  return { exit: 1, en: en, zh: zh };
}

/** The facts of this machine and this checkout. */
function facts(mode) {
  var npm = npmInfo();
  return {
    mode: mode,
    here: process.versions.node,
    bundled: bundledNodeVersion(),
    fetched: bundledNodeFetched(),
    installed: exists(path.join(root, 'node_modules')),
    npm: npm.npm,
    npmNode: npm.node,
    npmCli: npm.cli
  };
}

/** npm again, on this Node (24), with the lock file as it is: it adds what the first run skipped. */
function completeInstall() {
  var run = require('child_process').spawnSync(
    process.execPath,
    [process.env.npm_execpath, 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund'],
    {
      cwd: root,
      stdio: 'inherit'
    }
  );
  if (run.status === 0) return ok;
  return problem(
    'completing the install on Node ' + process.versions.node + ' failed (see above): run `npm install` again.',
    '用 Node ' + process.versions.node + ' 补全安装失败（见上文）：请重新运行 `npm install`。'
  );
}

function print(advice) {
  if (!advice.en) return;
  var text = 'Ringfence: ' + advice.en + '\nRingfence：' + advice.zh + '\n';
  if (advice.exit) process.stderr.write('\n' + text + '\n');
  else process.stdout.write(text);
}

function main() {
  var advice;
  try {
    advice = advise(facts(process.argv[2] === 'install' ? 'install' : 'run'));
    print(advice);
    if (advice.completeInstall) {
      advice = completeInstall();
      print(advice);
    }
  } catch (e) {
    // A bug here must not become the stack trace this file exists to avoid.
    advice = problem('checking the Node version failed (' + (e && e.message) + ').', '检查 Node 版本失败（' + (e && e.message) + '）。');
    print(advice);
  }
  process.exit(advice.exit);
}

module.exports = { advise: advise, REQUIRED_MAJOR: REQUIRED_MAJOR };
if (require.main === module) main();
