import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ApiCallError, errorFromIpc, errorFromResponse, fieldOfError } from '../../../renderer/api/errors.ts';
import { errorSentence } from '../../../renderer/format/error-sentence.ts';
import { en } from '../../../renderer/i18n/en.ts';
import { zh } from '../../../renderer/i18n/zh.ts';

const i18n = i18next.createInstance();
await i18n.init({ resources: { en: { translation: en }, zh: { translation: zh } }, lng: 'en', interpolation: { escapeValue: false } });
const tEn = i18n.getFixedT('en');
const tZh = i18n.getFixedT('zh');

describe('API failures as values', () => {
  it('reads the plain object our preload rejects with (what survives the context bridge)', () => {
    const rejected = {
      name: 'RingfenceError',
      code: 'invalid-rule',
      message: 'That is not a phone number.',
      text: { en: 'That is not a phone number.', zh: '这不是电话号码。' },
      issues: [],
    };
    const e = errorFromIpc(rejected);
    expect(e).toBeInstanceOf(ApiCallError);
    expect(e).toMatchObject({ code: 'invalid-rule', message: 'That is not a phone number.', text: { zh: '这不是电话号码。' } });
  });

  it('reads the server error body: code, sentence in both languages, issues', () => {
    const e = errorFromResponse(400, {
      error: {
        code: 'invalid-input',
        message: 'Invalid input for addRule: value: too long',
        issues: ['value: too long'],
        text: { en: 'Too long.', zh: '太长了。' },
      },
    });
    expect(e).toMatchObject({ code: 'invalid-input', status: 400, issues: ['value: too long'], text: { en: 'Too long.', zh: '太长了。' } });
    expect(fieldOfError(e)).toBe('value');
  });

  it('falls back to a code from the status when the body is not the contract shape', () => {
    expect(errorFromResponse(401, 'nope').code).toBe('unauthorized');
    expect(errorFromResponse(404, null).code).toBe('unknown-method');
    expect(errorFromResponse(502, null).code).toBe('server-error');
  });

  it('finds the field in a settings refusal', () => {
    expect(fieldOfError(new ApiCallError('invalid-setting', 'Setting screening.shield.calls is invalid: too small.', { status: 400 }))).toBe(
      'screening.shield.calls',
    );
  });

  it('recovers the API error that Electron IPC flattened into a message', () => {
    const flat = new Error(
      `Error invoking remote method 'ringfence:addRule': Error: ${JSON.stringify({ code: 'invalid-input', message: 'bad', issues: ['value: bad'] })}`,
    );
    expect(errorFromIpc(flat)).toMatchObject({ code: 'invalid-input', issues: ['value: bad'] });
    expect(errorFromIpc(new Error("Error invoking remote method 'ringfence:getStatus': Error: disk full")).message).toBe('disk full');
  });
});

describe('failures said as sentences', () => {
  it("uses the server's own sentence in the user's language when there is one", () => {
    const e = new ApiCallError('line-busy', 'busy', { text: { en: 'The modem is busy.', zh: '调制解调器忙。' } });
    expect(errorSentence(e, 'en', tEn)).toBe('The modem is busy.');
    expect(errorSentence(e, 'zh', tZh)).toBe('调制解调器忙。');
  });

  it('says what to do for each transport failure, never the raw error', () => {
    const unreachable = errorSentence(new ApiCallError('unreachable', 'TypeError: Failed to fetch'), 'en', tEn);
    expect(unreachable).toMatch(/not answering/);
    expect(unreachable).not.toMatch(/TypeError/);
    expect(errorSentence(new ApiCallError('unauthorized', 'x', { status: 401 }), 'zh', tZh)).toMatch(/访问密钥/);
    const crash = errorSentence(new Error('Cannot read properties of undefined (reading "x")\n    at foo (bar.ts:1:1)'), 'en', tEn);
    expect(crash).not.toMatch(/undefined|bar\.ts/);
  });

  it("keeps the server's detail for a refused value, without the method name", () => {
    const e = new ApiCallError('invalid-input', 'Invalid input for addRule: value: "x" is not a phone number', {
      status: 400,
      issues: ['value: "x" is not a phone number'],
    });
    expect(errorSentence(e, 'en', tEn)).toBe('That was not accepted: "x" is not a phone number. Correct it and try again.');
  });
});
