export { startService, type Service, type ServiceOptions } from './service.ts';
export { ApiFailure, createApiHost, invalidInput, parseInput, isMethodName, type ApiHost, type Handlers, type ImportUploads } from './api-host.ts';
export { toApiError, type ApiErrorReply } from './errors.ts';
export { demoSandboxDir, prepareSandboxRules, prepareSandboxSettings } from './demo-sandbox.ts';
