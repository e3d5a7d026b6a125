// Messages (SMS): what a received PDU becomes in the record, how recorded parts join into the messages people
// read, and the complaint SMS for the operator's report number. Pure: the service records and sends.
export { smsFromReceived, smsFromSent, incidentAt, messagesFrom, type RecordContext } from './assemble.ts';
export { complaintSms, type ComplaintFacts } from './complaint-sms.ts';
export { reportNumbers, reportNumberFor, operatorOf, type ReportNumber, type OperatorId } from './report-numbers.ts';
export { messagesCsv, messagesJson, messageLine, messageCsvColumns, terminalSafe } from './export.ts';
