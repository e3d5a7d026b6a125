// Rules: who may ring through and who may not, and the screening that needs no list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';
import { GateForm } from '../components/rules/GateForm.tsx';
import { LimitsForm } from '../components/rules/LimitsForm.tsx';
import { PresentationRules } from '../components/rules/PresentationRules.tsx';
import { RuleListEditor } from '../components/rules/RuleListEditor.tsx';
import { SchedulesForm } from '../components/rules/SchedulesForm.tsx';
import { ShieldForm } from '../components/rules/ShieldForm.tsx';
import { Tabs } from '../components/Tabs.tsx';

type Section = 'trusted' | 'blocked' | 'presentation' | 'schedules' | 'limits' | 'shield' | 'gate';
const sections: Section[] = ['trusted', 'blocked', 'presentation', 'schedules', 'limits', 'shield', 'gate'];

export function Rules() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('trusted');
  return (
    <>
      <PageTitle>{t('nav.rules')}</PageTitle>
      <Tabs label={t('rules.sections')} active={section} onChange={setSection} tabs={sections.map((key) => ({ key, label: t(`rules.tab.${key}`) }))}>
        {section === 'trusted' ? <RuleListEditor key="trusted" list="trusted" /> : null}
        {section === 'blocked' ? <RuleListEditor key="blocked" list="blocked" /> : null}
        {section === 'presentation' ? <PresentationRules /> : null}
        {section === 'schedules' ? <SchedulesForm /> : null}
        {section === 'limits' ? <LimitsForm /> : null}
        {section === 'shield' ? <ShieldForm /> : null}
        {section === 'gate' ? <GateForm /> : null}
      </Tabs>
    </>
  );
}
