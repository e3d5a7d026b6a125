// Modems: the lines Ringfence watches (name, hang-up method, on/off, remove), and finding, testing and
// adding a new one from the serial ports the computer has.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortInfo, ProbeResult } from '../../../shared/api.ts';
import { HangupMethod, type LineStatus } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { useAnnounce } from '../Announcer.tsx';
import { SimulatedBadge } from '../Badges.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';
import { lineName } from '../../format/line.ts';

export function ModemSettings() {
  const { t } = useTranslation();
  const { status, api, language } = useApp();
  const announce = useAnnounce();
  const [ports, setPorts] = useState<PortInfo[] | null>(null);
  const [probes, setProbes] = useState<Record<string, ProbeResult | 'probing'>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
  };

  const findPorts = () =>
    act(async () => {
      setBusy(true);
      try {
        setPorts(await api.listPorts({}));
      } finally {
        setBusy(false);
      }
    });

  const probe = (path: string) =>
    act(async () => {
      setProbes((p) => ({ ...p, [path]: 'probing' }));
      try {
        const result = await api.probePort({ path });
        setProbes((p) => ({ ...p, [path]: result }));
      } catch (e) {
        setProbes((p) => {
          const { [path]: _, ...rest } = p;
          return rest;
        });
        throw e;
      }
    });

  const lines = status?.lines ?? [];
  const known = new Set(lines.map((l) => l.path));
  return (
    <section className="card" aria-labelledby="modems-title">
      <h2 id="modems-title">{t('modems.title')}</h2>
      {lines.length === 0 ? <p className="empty">{t('modems.noLines')}</p> : null}
      <ul className="modem-lines">
        {lines.map((line) => (
          <LineSettings key={line.id} line={line} onError={setError} />
        ))}
      </ul>

      <h3>{t('modems.addTitle')}</h3>
      <p className="hint">{t('modems.addIntro')}</p>
      <button type="button" onClick={findPorts} disabled={busy}>
        {busy ? t('modems.searching') : t('modems.findPorts')}
      </button>
      {ports !== null && ports.length === 0 ? <p className="empty">{t('modems.noPorts')}</p> : null}
      {ports && ports.length > 0 ? (
        <ul className="ports">
          {ports.map((port) => {
            const probed = probes[port.path];
            return (
              <li key={port.path} className="port">
                <p>
                  <code data-verbatim>{port.path}</code> — {port.description[language]}
                  {port.inUse ? <span className="badge">{t('modems.inUse')}</span> : null}
                </p>
                {probed === 'probing' ? <p>{t('modems.probing')}</p> : null}
                {probed && probed !== 'probing' ? (
                  <p className={probed.ok ? 'probe ok' : 'probe bad'} role="status">
                    {probed.ok
                      ? t('modems.probeOk', {
                          device: [probed.manufacturer, probed.model].filter(Boolean).join(' ') || port.path,
                          kind: probed.kind ? t(`lineKind.${probed.kind}`) : '',
                        })
                      : (probed.problem?.text[language] ?? t('modems.probeFailed'))}
                  </p>
                ) : null}
                <div className="button-row">
                  <button type="button" onClick={() => probe(port.path)} disabled={probed === 'probing'}>
                    {t('modems.probe')}
                  </button>
                  <button
                    type="button"
                    disabled={known.has(port.path)}
                    onClick={() =>
                      act(async () => {
                        await api.addLine({ path: port.path });
                        announce(t('modems.added', { path: port.path }));
                      })
                    }
                  >
                    {known.has(port.path) ? t('modems.alreadyAdded') : t('modems.add')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      <ErrorText error={error} />
    </section>
  );
}

function LineSettings({ line, onError }: { line: LineStatus; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { api, settings } = useApp();
  const announce = useAnnounce();
  const [label, setLabel] = useState(line.label);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [enabledWanted, setEnabledWanted] = useState<boolean | null>(null);
  const enabled = enabledWanted ?? settings?.lines.find((l) => l.path === line.path)?.enabled ?? true;

  const savedAudio = settings?.lines.find((l) => l.path === line.path)?.audioPath ?? '';
  const [audioPath, setAudioPath] = useState(savedAudio);
  const configure = async (change: { label?: string; hangupMethod?: HangupMethod; enabled?: boolean; audioPath?: string | null }) => {
    onError(null);
    if (change.enabled !== undefined) setEnabledWanted(change.enabled);
    try {
      await api.configureLine({ lineId: line.id, ...change });
      announce((tr) => tr('settings.saved'));
    } catch (e) {
      setEnabledWanted(null);
      onError(e);
    }
  };

  return (
    <li className="modem-line">
      <h4>
        <span data-verbatim={line.label ? true : undefined}>{lineName(line, t)}</span> {line.simulated ? <SimulatedBadge /> : null}{' '}
        <span className="muted">· {t(`lineState.${line.state}`)}</span>
      </h4>
      <div className="field-grid">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void configure({ label });
          }}
        >
          <Field label={t('modems.name')}>
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} />
          </Field>
          <button type="submit" disabled={label === line.label}>
            {t('modems.rename')}
          </button>
        </form>
        <Field label={t('modems.hangup')} hint={t(`hangupHint.${line.hangupMethod}`)}>
          <select value={line.hangupMethod} onChange={(e) => configure({ hangupMethod: e.target.value as HangupMethod })}>
            {HangupMethod.options.map((m) => (
              <option key={m} value={m}>
                {t(`hangup.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        {line.profile === 'huawei' ? (
          // The pass gate plays its prompt and listens on a Huawei dongle's audio port (the one that answers no AT).
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void configure({ audioPath: audioPath.trim() || null });
            }}
          >
            <Field label={t('modems.audioPath')} hint={t('modems.audioPathHint')}>
              <input
                value={audioPath}
                onChange={(e) => setAudioPath(e.target.value)}
                maxLength={300}
                placeholder="/dev/ttyUSB1"
                spellCheck={false}
                data-verbatim
              />
            </Field>
            <button type="submit" disabled={audioPath.trim() === savedAudio}>
              {t('modems.saveAudioPath')}
            </button>
          </form>
        ) : null}
      </div>
      <Field label={t('modems.enabled')} inline>
        <input type="checkbox" checked={enabled} onChange={(e) => configure({ enabled: e.target.checked })} />
      </Field>
      {line.simulated ? null : confirmRemove ? (
        <div className="button-row">
          <button
            type="button"
            className="button-danger"
            autoFocus
            onClick={async () => {
              try {
                await api.removeLine({ lineId: line.id });
              } catch (e) {
                onError(e);
              }
            }}
          >
            {t('modems.confirmRemove')}
          </button>
          <button type="button" onClick={() => setConfirmRemove(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirmRemove(true)}>
          {t('modems.remove')}
        </button>
      )}
    </li>
  );
}
