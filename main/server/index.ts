export { startServer, type RunningServer, type ServerOptions, type Download } from './server.ts';
export { parseListen, checkExposure, isLoopback, ListenError, type ListenAddress } from './listen.ts';
export { contentSecurityPolicy, resolveStatic } from './static.ts';
