// The report number for a line's operator (the table of numbers, forms and sources is shared/report-numbers.ts).
import { reportNumbers, type OperatorId, type ReportNumber } from '../../shared/report-numbers.ts';

export { reportNumbers, type OperatorId, type ReportNumber };

// MCC-MNC of the three operators (460 = China), from the ITU/MIIT allocations as listed by mcc-mnc tables.
const mobile = ['46000', '46002', '46004', '46007', '46008', '46013'];
const unicom = ['46001', '46006', '46009', '46010'];
const telecom = ['46003', '46005', '46011', '46012'];

/** The operator of the line's SIM, from the name or code +COPS reported ("CHINA MOBILE", "CHN-UNICOM", "46011"). */
export function operatorOf(operator: string | null): OperatorId {
  if (!operator) return 'other';
  const o = operator.trim().toUpperCase();
  if (mobile.includes(o) || /CHINA ?MOBILE|CMCC|中国移动/.test(o)) return 'china-mobile';
  if (unicom.includes(o) || /UNICOM|CU-GSM|中国联通/.test(o)) return 'china-unicom';
  if (telecom.includes(o) || /TELECOM|CHN-CT|CTCC|中国电信/.test(o)) return 'china-telecom';
  return 'other';
}

/** The report number for a line's operator; 12321 when the operator is not one of the three. */
export function reportNumberFor(operator: string | null): ReportNumber {
  const id = operatorOf(operator);
  return reportNumbers.find((r) => r.id === id) ?? reportNumbers[3]!;
}
