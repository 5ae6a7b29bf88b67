// Shared by the Vite plugin (passed explicitly as configFile), svelte-check and the ESLint Svelte parser.
export default {
  compilerOptions: {
    runes: true,
    // Templates are built element by element (document.createElement), not parsed from an HTML string through a
    // <template>'s innerHTML. Each template is built once and then cloned either way, so only its FIRST use
    // differs, and the popover's first render is where every template is used for the first time: the HTML
    // parser's 0.6-0.9 ms of main-thread CPU per first render (trace self time, render-ab.ts) is gone. Small: the
    // window's total CPU moves by less than this machine's noise (14 alternated loads each: 51.2 vs 49.9 ms at 10
    // VMs; docs/performance.md). Later renders clone as before. No innerHTML sinks either (Trusted Types-ready).
    fragments: 'tree',
  },
};
