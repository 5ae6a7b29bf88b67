// Shared by the Vite plugin (passed explicitly as configFile), svelte-check and the ESLint Svelte parser.
export default {
  compilerOptions: {
    runes: true,
    // Templates are built element by element (document.createElement), not parsed from an HTML string through a
    // <template>'s innerHTML. Each template is built once and then cloned either way, so only its FIRST use
    // differs, and the popover's first render is exactly the case where every template is used for the first
    // time: skipping the HTML parser there cut the page's main-thread CPU in the first-render window by ~10 ms
    // (10 and 1,000 VMs, test/bench/tools/render-ab.ts; docs/performance.md). Later renders clone as before. It
    // also keeps the pages free of innerHTML sinks (compatible with a Trusted Types CSP).
    fragments: 'tree',
  },
};
