// electron-builder.yml, read and schema-checked by electron-builder's own loader, and the Linux pieces it
// installs (udev rule, after-install/remove scripts, icon).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { markPng } from '../../../main/app/tray-icon.ts';
import { repoRoot } from '../../support/paths.ts';

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const builderConfig = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: { isEnabled: boolean }): Promise<void>;
};

let config: Config;
beforeAll(async () => {
  config = await builderConfig.getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'));
});

const linuxDir = join(repoRoot, 'main', 'app', 'resources', 'linux');

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its own loader and schema)', async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('builds deb and AppImage on Linux, NSIS on Windows and a dmg on macOS', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.nsis.installerLanguages).toEqual(['en_US', 'zh_CN']);
  });

  it('sets every security fuse (checklist 19)', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the build output into an asar, with no native rebuild', () => {
    expect(config.asar).toBe(true);
    // electron-builder normalises the list into one file set.
    expect(config.files).toEqual([{ filter: ['out/**', '!out/**/*.map', 'package.json'] }]);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it("unpacks serialport's N-API prebuilds for every desktop platform from the asar", () => {
    const prebuilds = join('node_modules', '@serialport', 'bindings-cpp', 'prebuilds');
    const platforms = readdirSync(join(repoRoot, prebuilds));
    for (const platform of ['linux-x64', 'linux-arm64', 'win32-x64', 'darwin-x64+arm64']) {
      expect(platforms).toContain(platform);
      for (const file of readdirSync(join(repoRoot, prebuilds, platform))) {
        const path = `${prebuilds}/${platform}/${file}`;
        expect(
          (config.asarUnpack as string[]).some((glob) => matchesGlob(path, glob)),
          path,
        ).toBe(true);
      }
    }
  });

  it('recommends a CJK font with the deb and installs the udev rule through its scripts', () => {
    expect(config.deb.recommends.join(' ')).toMatch(/fonts-noto-cjk|fonts-wqy/);
    expect(existsSync(join(repoRoot, config.deb.afterInstall))).toBe(true);
    expect(existsSync(join(repoRoot, config.deb.afterRemove))).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'main/app/resources/linux/60-ringfence-modems.rules', to: 'udev/60-ringfence-modems.rules' }]);
  });

  it('has an icon at the size the installers need, drawn like the tray icon', () => {
    const icon = readFileSync(join(repoRoot, config.linux.icon));
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(icon.equals(markPng(512, 'protected')), 'run: node main/app/resources/make-icon.ts').toBe(true);
  });
});

describe('the deb scripts', () => {
  const install = readFileSync(join(linuxDir, 'after-install.sh'), 'utf8');
  const remove = readFileSync(join(linuxDir, 'after-remove.sh'), 'utf8');

  it('are valid bash', () => {
    execFileSync('bash', ['-n', join(linuxDir, 'after-install.sh')]);
    execFileSync('bash', ['-n', join(linuxDir, 'after-remove.sh')]);
  });

  it('use only the names electron-builder fills in (it refuses any other ${name})', () => {
    for (const script of [install, remove]) {
      const macros = new Set([...script.matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
      expect([...macros].sort()).toEqual(['executable', 'sanitizedProductName']);
    }
  });

  it('keep electron-builder’s own steps (binary link, sandbox helper)', () => {
    expect(install).toContain("update-alternatives --install '/usr/bin/${executable}'");
    expect(install).toContain('chrome-sandbox');
    expect(remove).toContain("update-alternatives --remove '${executable}'");
  });

  it('install the rule from where extraResources puts it, reload udev, and remove it again', () => {
    expect(install).toContain("RULE_SOURCE='/opt/${sanitizedProductName}/resources/udev/60-ringfence-modems.rules'");
    expect(install).toContain("RULE_TARGET='/etc/udev/rules.d/60-ringfence-modems.rules'");
    expect(install).toMatch(/udevadm control --reload-rules/);
    expect(install).toMatch(/udevadm trigger --action=change/);
    expect(remove).toMatch(/rm -f "\$RULE_TARGET"/);
  });
});

describe('the udev rule', () => {
  const name = '60-ringfence-modems.rules';
  const rule = readFileSync(join(linuxDir, name), 'utf8');
  const lines = rule.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

  it('runs before the seat rules (uaccess) and ModemManager’s rules', () => {
    expect(Number(name.slice(0, 2))).toBeLessThan(73);
    expect(Number(name.slice(0, 2))).toBeLessThan(77);
  });

  it.each([
    ['Huawei', '12d1'],
    ['ZTE', '19d2'],
    ['SIMCom', '1e0e'],
    ['Quectel', '2c7c'],
    ['USRobotics', '0baf'],
    ['Conexant', '0572'],
  ])('covers %s (%s)', (_maker, vendor) => {
    expect(lines).toContain(`ATTRS{idVendor}=="${vendor}", GOTO="ringfence_modem"`);
  });

  it('gives the logged-in user the serial ports and tells ModemManager to ignore the modem', () => {
    const modem = rule.slice(rule.indexOf('LABEL="ringfence_modem"'), rule.indexOf('LABEL="ringfence_end"'));
    expect(modem).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    expect(modem).toContain('SUBSYSTEM=="tty", TAG+="uaccess"');
    expect(rule).not.toMatch(/MODE="06[67]6"|GROUP=/); // no world-writable ports, no group games
  });

  it('is well formed: every line is key-op-"value" pairs, and every GOTO has its LABEL', () => {
    const pair = /^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|=|\+=|-=|:=)"[^"]*"$/;
    for (const line of lines) for (const part of line.split(/,\s*/)) expect(part, line).toMatch(pair);
    const labels = new Set([...rule.matchAll(/LABEL="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of rule.matchAll(/GOTO="([^"]+)"/g)) expect(labels).toContain(target);
  });
});
