import { resolve } from 'node:path';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import web from './vite.web.config';

/**
 * The web app as the benchmark drives it: the normal web build plus renderer/bench/bench-hook.ts, a small hook on
 * window that loads a generated project through the app's own storage code. Only this build has it; the normal
 * build never does (test/unit/bench/bench-build.test.ts checks its output).
 */
const benchHook: Plugin = {
  name: 'tessera-bench-hook',
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace('</body>', '    <script type="module" src="./bench/bench-hook.ts"></script>\n  </body>'),
  },
};

export default mergeConfig(
  web,
  defineConfig({
    mode: 'bench',
    plugins: [benchHook],
    build: { outDir: resolve(import.meta.dirname, 'dist-bench'), emptyOutDir: true },
  }),
);
