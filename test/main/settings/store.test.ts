import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { defaultSettings } from '../../../shared/settings.ts';
import { countryFromLocale, openSettings } from '../../../main/settings/index.ts';
import { cliEntry } from '../../support/paths.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'rf-settings-'));

describe('settings store', () => {
  it('writes complete defaults on first run and reads them back in another process view', () => {
    const dir = tempDir();
    const s = openSettings(dir);
    expect(s.notices).toEqual([]);
    s.set('screening.shield.calls', '7');
    s.set('homeCountry', 'GB');
    const again = openSettings(dir).get();
    expect(again.screening.shield.calls).toBe(7);
    expect(again.homeCountry).toBe('GB');
    expect(again.screening.shield.quietMinutes).toBe(60);
  });

  it('rejects an invalid value and changes nothing', () => {
    const dir = tempDir();
    const s = openSettings(dir);
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(() => s.set('homeCountry', 'china')).toThrow('homeCountry: use a two-letter country code such as CN or GB (you gave china).');
    expect(() => s.set('screening.shield.calls', '"lots"')).toThrow('screening.shield.calls must be a whole number from 2 to 1000 (you gave lots).');
    expect(() => s.set('noSuchThing', '1')).toThrow(/There is no setting "noSuchThing"/);
    expect(() => s.set('shield.calls', '8')).toThrow('There is no setting "shield.calls". Did you mean screening.shield.calls?');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('backs up a corrupt file, uses defaults and tells the user where the old file is', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"homeCountry": "GB", ');
    const s = openSettings(dir);
    expect(s.get().language).toBe('system');
    expect(s.notices).toHaveLength(1);
    const backup = readdirSync(dir).find((f) => f.startsWith('settings.json.corrupt-'));
    expect(backup).toBeDefined();
    expect(s.notices[0]!.text.en).toContain(backup!);
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('{"homeCountry": "GB", ');
  });

  it('backs up a file that is JSON but breaks the schema', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'purple' }));
    const s = openSettings(dir);
    expect(s.get().theme).toBe('system');
    expect(s.notices[0]!.text.en).toMatch(/theme/);
  });

  it('keeps every valid setting of a file with one bad value, and names what it reset', () => {
    const dir = tempDir();
    const good = openSettings(dir);
    good.set('homeCountry', 'GB');
    good.set('screening.shield.quietMinutes', '30');
    const file = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'));
    file.screening.shield.calls = -5;
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(file));
    const s = openSettings(dir);
    expect(s.get().homeCountry).toBe('GB');
    expect(s.get().screening.shield.quietMinutes).toBe(30);
    expect(s.get().screening.shield.calls).toBe(defaultSettings().screening.shield.calls);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]!.text.en).toMatch(
      /back to their defaults: screening\.shield\.calls\. Every other setting was kept\. The old file was kept as .*settings\.json\.corrupt-/,
    );
    expect(s.notices[0]!.text.zh).toMatch(/已恢复为默认值：screening\.shield\.calls/);
  });

  it('says so on stderr when a CLI command finds the settings file damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{"homeCountry": "GB", ');
    const r = spawnSync(process.execPath, [cliEntry, 'settings', 'get', 'homeCountry', '--data-dir', dir], { encoding: 'utf8' });
    expect(r.stderr).toMatch(
      /^ringfence: The settings file .* could not be read .* every setting is back to its default .*The old file was kept as .*settings\.json\.corrupt-/m,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(1);
    // Told once: the next command finds a good file and says nothing.
    expect(spawnSync(process.execPath, [cliEntry, 'settings', 'get', 'homeCountry', '--data-dir', dir], { encoding: 'utf8' }).stderr).toBe('');
  });

  it('sees a change made by another process on refresh', () => {
    const dir = tempDir();
    const serve = openSettings(dir);
    const cli = openSettings(dir);
    cli.set('screening.blockInvalidNumbers', 'true');
    expect(serve.refresh()).toBe(true);
    expect(serve.get().screening.blockInvalidNumbers).toBe(true);
  });

  it('takes the home country from the POSIX locale, China when the locale names none', () => {
    expect(countryFromLocale({ LANG: 'zh_CN.UTF-8' })).toBe('CN');
    expect(countryFromLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('GB');
    expect(countryFromLocale({ LANG: 'zh_Hant_TW.UTF-8' })).toBe('TW');
    if (process.platform === 'linux') expect(countryFromLocale({ LANG: 'C.UTF-8' })).toBe('CN');
  });
});
