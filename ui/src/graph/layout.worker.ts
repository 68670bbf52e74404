/** Runs a ForceAtlas2 job (forceLayout.ts) off the page's main thread and posts the positions back. */
import { runLayout, type LayoutJob } from "./forceLayout";

self.onmessage = (event: MessageEvent<LayoutJob>) => {
  const nodes = runLayout(event.data);
  (self as unknown as Worker).postMessage(nodes, [nodes.buffer]);
};
