import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    files: {
      assets: 'web/static',
      hooks: {
        client: 'web/src/hooks.client',
        server: 'web/src/hooks.server',
        universal: 'web/src/hooks',
      },
      lib: 'web/src/lib',
      params: 'web/src/params',
      routes: 'web/src/routes',
      serviceWorker: 'web/src/service-worker',
      appTemplate: 'web/src/app.html',
      errorTemplate: 'web/src/error.html',
    },
    alias: { $shared: 'shared' },
  },
};

export default config;
