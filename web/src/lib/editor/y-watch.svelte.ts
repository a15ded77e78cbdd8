/**
 * Makes a Yjs type readable from Svelte markup: reading `.version` subscribes the reader, and
 * every change of the type (or anything inside it, when deep) bumps it.
 */
import type * as Y from 'yjs';

export function watchY(
  getType: () => Y.AbstractType<any> | null | undefined,
  deep = false,
): { readonly version: number } {
  let version = $state(0);

  $effect(() => {
    const ytype = getType();
    if (!ytype) return;
    const bump = () => (version += 1);
    if (deep) ytype.observeDeep(bump);
    else ytype.observe(bump);
    return () => (deep ? ytype.unobserveDeep(bump) : ytype.unobserve(bump));
  });

  return {
    get version() {
      return version;
    },
  };
}
