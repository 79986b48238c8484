// What cytoscape-svg adds to every cytoscape instance: the graph as an SVG document (a string).
import 'cytoscape';

declare module 'cytoscape' {
  interface Core {
    svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
  }
}
