// Long variant of the SIGKILL persistence test: 500 kills (npm run test:soak; not part of npm test).
process.env['HUBWATCH_KILLS'] ??= '500';
await import('../reliability/persistence-kill.test');
export {};
