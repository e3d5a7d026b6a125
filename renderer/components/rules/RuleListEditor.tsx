// One rule list (blocked or trusted): search, add, edit, remove, import and export. Lists can hold tens of
// thousands of numbers, so they are searched and paged on the server, a couple of hundred at a time.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Presentation, type Rule, type RuleList } from '../../../shared/domain.ts';
import { useApiEvent, useApp } from '../../app/context.tsx';
import { formatDateTime } from '../../format/time.ts';
import { useAnnounce } from '../Announcer.tsx';
import { ActionBadge } from '../Badges.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';
import { downloadText } from './download.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { RuleForm } from './RuleForm.tsx';
import { ruleInputOf } from '../useRuleActions.ts';
import { useNumberFormat } from '../useNumberFormat.ts';

const PAGE = 200;
const isPresentation = (v: string): v is Presentation => (Presentation.options as readonly string[]).includes(v);
const exportFormats = ['csv', 'text', 'vcard', 'ncid'] as const;

export function RuleListEditor({ list }: { list: RuleList }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const announce = useAnnounce();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  const [rules, setRules] = useState<Rule[]>([]);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [exportFormat, setExportFormat] = useState<(typeof exportFormats)[number]>('csv');
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(search.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    let live = true;
    api.listRules({ list, offset, limit: PAGE, ...(debounced ? { search: debounced } : {}) }).then(
      (r) => {
        if (!live) return;
        setRules(r.rules);
        setTotal(r.total);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, list, debounced, offset, generation]);

  useApiEvent((event) => {
    if (event.type === 'rules-changed' && event.list === list) reload();
  });

  // A presentation rule's value is a code (withheld); say it in words. Numbers and patterns are as typed.
  const formatNumber = useNumberFormat();
  // A number rule reads as the number does everywhere else (History, toasts, exports): "138 0013 8000".
  const shownValue = (rule: Rule) =>
    rule.kind === 'presentation' && isPresentation(rule.value)
      ? t(`presentation.${rule.value}`)
      : rule.kind === 'number'
        ? formatNumber(rule.value)
        : rule.value;

  const remove = async (rule: Rule) => {
    try {
      await api.removeRule({ id: rule.id });
      setConfirmRemove(null);
      announce(t('rules.removed', { value: shownValue(rule) }), {
        undo: async () => {
          await api.addRule(ruleInputOf(rule));
          reload();
          return (tr) => tr('actions.ruleRestored', { value: shownValue(rule) });
        },
      });
      reload();
    } catch (e) {
      setError(e);
    }
  };

  const exportList = async () => {
    try {
      const file = await api.exportRules({ list, format: exportFormat });
      downloadText(file.fileName, file.content);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby={`list-${list}`}>
      <h2 id={`list-${list}`}>{list === 'blocked' ? t('rules.blockedTitle') : t('rules.trustedTitle')}</h2>
      <p className="hint">{list === 'blocked' ? t('rules.blockedIntro') : t('rules.trustedIntro')}</p>
      <div className="toolbar">
        <Field label={t('rules.search')}>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <button type="button" className="button-strong" onClick={() => setEditing('new')}>
          {list === 'blocked' ? t('rules.addBlocked') : t('rules.addTrusted')}
        </button>
        <button type="button" onClick={() => setImporting(true)} aria-expanded={importing}>
          {t('import.open')}
        </button>
        <Field label={t('rules.exportFormat')}>
          <select value={exportFormat} onChange={(e) => setExportFormat(e.target.value as (typeof exportFormats)[number])}>
            {exportFormats.map((f) => (
              <option key={f} value={f}>
                {t(`importFormat.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={exportList}>
          {t('rules.export')}
        </button>
      </div>
      {importing ? <ImportPanel list={list} onImported={reload} onClose={() => setImporting(false)} /> : null}
      {editing === 'new' ? (
        <RuleForm
          list={list}
          rule={null}
          onCancel={() => setEditing(null)}
          onDone={(rule) => {
            setEditing(null);
            announce(t('rules.added', { value: shownValue(rule) }));
            reload();
          }}
        />
      ) : null}
      <ErrorText error={error} />
      <p className="table-status" data-testid={`rule-count-${list}`}>
        {total > PAGE ? t('rules.countRange', { from: offset + 1, to: offset + rules.length, count: total }) : t('rules.count', { count: total })}
      </p>
      {rules.length === 0 ? (
        <p className="empty">{debounced ? t('rules.noMatch') : t('rules.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="rules-table" data-testid={`rules-${list}`}>
            <thead>
              <tr>
                <th scope="col">{t('rules.value')}</th>
                <th scope="col">{t('rules.kind')}</th>
                <th scope="col">{t('rules.label')}</th>
                {list === 'blocked' ? <th scope="col">{t('rules.action')}</th> : null}
                <th scope="col">{t('rules.hits')}</th>
                <th scope="col">{t('rules.lastHit')}</th>
                <th scope="col">{t('history.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) =>
                editing !== 'new' && editing?.id === rule.id ? (
                  <tr key={rule.id}>
                    <td colSpan={list === 'blocked' ? 7 : 6}>
                      <RuleForm
                        list={list}
                        rule={rule}
                        onCancel={() => setEditing(null)}
                        onDone={(saved) => {
                          setEditing(null);
                          announce(t('rules.saved', { value: shownValue(saved) }));
                          reload();
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={rule.id} data-rule-value={rule.value}>
                    <td data-label={t('rules.value')}>
                      {rule.kind === 'presentation' ? (
                        <span>{shownValue(rule)}</span>
                      ) : rule.kind === 'number' ? (
                        <span className="rule-number" data-verbatim>
                          {shownValue(rule)}
                        </span>
                      ) : (
                        <code data-verbatim>{rule.value}</code>
                      )}
                      {rule.schedule ? <span className="badge">{t('rules.scheduled')}</span> : null}
                      {rule.expiresAt ? <span className="badge">{t('rules.expiresOn', { date: formatDateTime(rule.expiresAt, language) })}</span> : null}
                    </td>
                    <td data-label={t('rules.kind')}>{t(`ruleKind.${rule.kind}`)}</td>
                    <td data-label={t('rules.label')}>
                      <span data-verbatim>{rule.label}</span>
                      {rule.category ? <span className="badge">{t(`category.${rule.category}`)}</span> : null}
                    </td>
                    {list === 'blocked' ? (
                      <td data-label={t('rules.action')}>
                        <ActionBadge action={rule.action} />
                      </td>
                    ) : null}
                    <td data-label={t('rules.hits')}>{rule.hitCount}</td>
                    <td data-label={t('rules.lastHit')}>{rule.lastHitAt ? formatDateTime(rule.lastHitAt, language) : t('rules.never')}</td>
                    <td data-label={t('history.col.actions')}>
                      <span className="button-row compact">
                        <button type="button" onClick={() => setEditing(rule)} aria-label={t('rules.editNamed', { value: shownValue(rule) })}>
                          {t('rules.edit')}
                        </button>
                        {confirmRemove === rule.id ? (
                          <button type="button" className="button-danger" onClick={() => remove(rule)} autoFocus>
                            {t('rules.confirmRemove')}
                          </button>
                        ) : (
                          <button type="button" onClick={() => setConfirmRemove(rule.id)} aria-label={t('rules.removeNamed', { value: shownValue(rule) })}>
                            {t('rules.remove')}
                          </button>
                        )}
                      </span>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE ? (
        <div className="button-row">
          <button type="button" onClick={() => setOffset((o) => Math.max(0, o - PAGE))} disabled={offset === 0}>
            {t('rules.previousPage')}
          </button>
          <button type="button" onClick={() => setOffset((o) => o + PAGE)} disabled={offset + PAGE >= total}>
            {t('rules.nextPage')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
