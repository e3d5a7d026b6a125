export { startService, type Service, type ServiceOptions } from './service.ts';
export { ApiFailure, createApiHost, parseInput, isMethodName, type ApiHost, type Handlers } from './api-host.ts';
