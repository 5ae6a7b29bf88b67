// Public surface of the Events Hub client (Electron-free).
export * from './errors';
export * from './messages';
export * from './tls';
export * from './auth';
export * from './rest';
export * from './connection';
export * from './backoff';
export * from './close-classify';
export * from './redact';
export * from './urls';
export * from './test-connection';
export { httpRequest, parseJsonBody, type HttpRequestOptions, type HttpResponse } from './http';
