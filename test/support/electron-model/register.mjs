// `node --import tsx --import ./test/support/electron-model/register.mjs …`: route electron imports to the model.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
