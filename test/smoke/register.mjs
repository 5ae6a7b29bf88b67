// `node --import ./test/smoke/register.mjs …`: route `electron` imports to the stand-in before the bundle loads.
import { register } from 'node:module';

register('./electron-hooks.mjs', import.meta.url);
