// Long variant of both fuzzers: 1,000,000 frames through the parser and over the socket (npm run test:soak).
process.env['HUBWATCH_PARSER_FRAMES'] ??= '1000000';
process.env['HUBWATCH_SOCKET_FRAMES'] ??= '1000000';
await import('../reliability/fuzz-parser.test');
await import('../reliability/fuzz-socket.test');
export {};
