// Debian's faiss 1.7.3 declares idx_t inside Index only; faiss-node's source expects the
// namespace-level alias that faiss 1.7.4 introduced. Force-included before faiss.cc.
#pragma once
#include <faiss/Index.h>
#if FAISS_VERSION_MAJOR == 1 && FAISS_VERSION_MINOR == 7 && FAISS_VERSION_PATCH < 4
namespace faiss {
using idx_t = Index::idx_t;
}
#endif
