// The Graphviz C API as MineralGraphRendering sees it: libcgraph (graphs) and libgvc
// (layout and rendering), from Debian's libgraphviz-dev. The headers are the system's,
// found through pkg-config (libgvc); none are copied here.
//
// MineralGraphRendering parses the DOT text it generates with agmemread, so it never needs
// the mutable C global `Agdirected` (which Swift 6 rejects as not concurrency-safe); code
// that builds graphs with agopen should add a `static inline` accessor for it here.
#ifndef MINERAL_GRAPH_CGRAPHVIZ_SHIM_H
#define MINERAL_GRAPH_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

#endif
