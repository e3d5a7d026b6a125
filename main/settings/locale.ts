// The home country for a brand-new installation, from the OS locale. A bare "C"/"POSIX" locale names no
// country; then we fall back to China, where most of our users are.
export function countryFromLocale(env: NodeJS.ProcessEnv = process.env, intlLocale?: string): string {
  const posix = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  const candidates = [
    posix,
    process.platform === 'win32' || process.platform === 'darwin' ? (intlLocale ?? Intl.DateTimeFormat().resolvedOptions().locale) : undefined,
  ];
  for (const c of candidates) {
    const m = c?.match(/^[a-z]{2,3}[_-](?:[A-Za-z]{4}[_-])?([A-Z]{2})\b/);
    if (m?.[1]) return m[1];
  }
  return 'CN';
}
