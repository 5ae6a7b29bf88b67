// Long variant of the restart storm: 300 restarts (npm run test:soak; not part of npm test).
process.env['HUBWATCH_RESTARTS'] ??= '300';
await import('../reliability/restart-storm.test');
export {};
