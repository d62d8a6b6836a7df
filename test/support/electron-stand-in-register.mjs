// `node --import ./test/support/electron-stand-in-register.mjs …`: see electron-stand-in-hooks.mjs.
import { register } from 'node:module';

register('./electron-stand-in-hooks.mjs', import.meta.url);
