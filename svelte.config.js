// Shared by the Vite plugin (passed explicitly as configFile), svelte-check and the ESLint Svelte parser.
export default {
  compilerOptions: { runes: true },
};
